// Sources of a designation, primary (official publishers) before secondary (press), each saying
// what cites it; a link made from a CELEX number says it was derived (lib/sources/legal-links.ts).
import type { SourceLink } from '@/lib/sources/legal-links';
import styles from './grounds.module.css';

const CELEX_CITE = 'the CELEX number ';
const celexOf = (l: SourceLink) => l.cites.find((c) => c.startsWith(CELEX_CITE))?.slice(CELEX_CITE.length) ?? null;

export function SourceLinkText({ link, context }: { link: SourceLink; context?: string }) {
  return (
    <>
      <a href={link.url} target="_blank" rel="noreferrer noopener" data-derived={link.derived ? 'true' : undefined}>
        {link.label}
        {context ? <span className="sr-only"> ({context})</span> : null}
      </a>
      {link.derived ? <span className="small muted"> (link derived from the CELEX number{celexOf(link) ? ` ${celexOf(link)}` : ''})</span> : null}
    </>
  );
}

function CitedBy({ link }: { link: SourceLink }) {
  const stored = link.cites.filter((c) => !c.startsWith(CELEX_CITE));
  return stored.length ? <span className="small muted"> — cited by {stored.join(', ')}</span> : null;
}

function Links({ links, context }: { links: SourceLink[]; context: string }) {
  return (
    <ul className={styles.links}>
      {links.map((l) => (
        <li key={l.url}>
          <SourceLinkText link={l} context={context} />
          <CitedBy link={l} />
        </li>
      ))}
    </ul>
  );
}

/** Two labelled lists; an empty kind says so rather than disappearing. */
export function SourceLinks({ primary, secondary, context }: { primary: SourceLink[]; secondary: SourceLink[]; context: string }) {
  return (
    <>
      <p className="small" data-testid="primary-sources-label">
        Primary (official) sources{primary.length ? ':' : ': none stored.'}
      </p>
      {primary.length ? <Links links={primary} context={context} /> : null}
      {secondary.length ? (
        <>
          <p className="small">Secondary sources (press and other):</p>
          <Links links={secondary} context={context} />
        </>
      ) : null}
    </>
  );
}
