// Why each designation was made and where that is published (issue 26): the statement of reasons,
// the measures, the legal act and the programs' legal bases, the action that published it, and its
// sources — official ones first. One <article> per designation, so every list's grounds can be read
// (and linked: #grounds-<designation id>) beside the designations table.
import Link from 'next/link';
import type { Grounds } from '@/lib/sources/legal-links';
import { AuthorityBadge } from '@/components/ui/authority-badge';
import { ReasonText } from './reason-text';
import { SourceLinkText, SourceLinks } from './source-links';
import styles from './grounds.module.css';

export type DesignationGroundsView = {
  id: string;
  authorityId: string;
  authorityName: string;
  /** 'listed 20 Oct 2022', 'listed on or before 18 Aug 2021'. */
  listed: string;
  programs: string[];
  reason: string | null;
  measures: string[];
  grounds: Grounds;
  action: { id: string; title: string; kind: 'CURATED' | 'GROUPED' } | null;
};

// Long enough for most EU statements to read whole; longer ones open on a click.
const REASON_LIMIT = 600;

export function DesignationGrounds({ designations, entityName }: { designations: DesignationGroundsView[]; entityName: string }) {
  if (!designations.length) return <p className="muted">No designation, so no grounds.</p>;
  return (
    <ol className={styles.list} aria-label={`Grounds of the designations of ${entityName}`}>
      {designations.map((d) => {
        const heading = `grounds-${d.id}-title`;
        const context = `${d.authorityName} designation, ${d.listed}`;
        return (
          <li key={d.id}>
            <article id={`grounds-${d.id}`} className={styles.grounds} aria-labelledby={heading} data-testid="designation-grounds" data-authority={d.authorityId}>
              <h3 id={heading}>
                <AuthorityBadge id={d.authorityId} label={d.authorityName} /> {d.listed}
                {d.programs.length ? <span className="small muted"> · {d.programs.join('; ')}</span> : null}
              </h3>
              <dl>
                <dt>Reason</dt>
                <dd data-testid="grounds-reason">
                  {d.reason ? <ReasonText text={d.reason} limit={REASON_LIMIT} /> : <span className="muted">No statement of reasons in the stored list record.</span>}
                </dd>
                <dt>Measures</dt>
                <dd>{d.measures.length ? d.measures.join('; ') : <span className="muted">Not stated.</span>}</dd>
                <dt>Legal act</dt>
                <dd data-testid="grounds-legal-act">
                  {d.grounds.legalAct ? (
                    <>
                      {d.grounds.legalAct.name}
                      {d.grounds.legalAct.celex && d.grounds.legalAct.name !== d.grounds.legalAct.celex ? <span className="small muted"> (CELEX {d.grounds.legalAct.celex})</span> : null}
                      {d.grounds.legalAct.link ? (
                        <>
                          {' — '}
                          <SourceLinkText link={d.grounds.legalAct.link} context={context} />
                        </>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">Not stated.</span>
                  )}
                </dd>
                {d.grounds.programBases.length ? (
                  <>
                    <dt>Legal basis of its programs</dt>
                    <dd data-testid="grounds-program-basis">
                      <ul className={styles.links}>
                        {d.grounds.programBases.map((p) => (
                          <li key={p.code}>
                            {p.legalBasis}
                            {p.legalBasis !== p.code ? <span className="small muted"> ({p.code})</span> : null}
                            {p.link ? (
                              <>
                                {' — see '}
                                <SourceLinkText link={p.link} context={`program ${p.code}`} />
                              </>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </dd>
                  </>
                ) : null}
                <dt>Action</dt>
                <dd>
                  {d.action ? (
                    <>
                      <Link href={`/actions/${encodeURIComponent(d.action.id)}`}>{d.action.title}</Link>
                      <span className="small muted"> ({d.action.kind === 'CURATED' ? 'curated: one publication with its own sources' : 'grouped: the same day’s listings of this authority'})</span>
                    </>
                  ) : (
                    <span className="muted">In no sanctions action (no exact listing day, or a carry-over of the list).</span>
                  )}
                </dd>
                <dt>Sources</dt>
                <dd data-testid="grounds-sources">
                  <SourceLinks primary={d.grounds.primary} secondary={d.grounds.secondary} context={context} />
                </dd>
              </dl>
            </article>
          </li>
        );
      })}
    </ol>
  );
}

