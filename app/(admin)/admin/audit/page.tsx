import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePrincipal } from '@/lib/auth/session';
import { listAuditEvents } from '@/lib/db/audit';
import { auditQuerySchema } from '@/lib/validation/audit';
import { parsePageQuery } from '@/lib/validation/search-params';
import { AuditHistory } from '@/components/tables/audit-history';
import { QueryProblems } from '@/components/ui/query-problems';

export const metadata: Metadata = { title: 'Audit log' };

const FIELD_LABELS: Record<string, string> = { actor: 'Actor', action: 'Action', targetType: 'Target type', targetId: 'Target id', from: 'From', to: 'To', page: 'Page' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePagePrincipal('audit:read');
  const { query: q, problems } = parsePageQuery(auditQuerySchema, await searchParams);
  const result = await listAuditEvents(viewer, q);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const pageHref = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...q, page: String(page) })) if (v && !(k === 'page' && v === '1')) p.set(k, String(v));
    return `/admin/audit?${p.toString()}`;
  };
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Audit log</h1>
          <p className="muted">Every change to the data and the users: who, when, what and the values before and after. Append-only: nobody can edit or delete it.</p>
        </div>
      </header>
      <QueryProblems problems={problems} labels={FIELD_LABELS} />
      <form className="controls panel" method="get" action="/admin/audit" role="search" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="actor">Actor</label>
          <input id="actor" name="actor" type="search" defaultValue={q.actor ?? ''} placeholder="email or system:…" />
        </div>
        <div className="field">
          <label htmlFor="action">Action</label>
          <input id="action" name="action" type="search" defaultValue={q.action ?? ''} placeholder="e.g. entity.merge, user." />
        </div>
        <div className="field">
          <label htmlFor="targetType">Target type</label>
          <select id="targetType" name="targetType" defaultValue={q.targetType ?? ''}>
            <option value="">any</option>
            {result.targetTypes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="targetId">Target id</label>
          <input id="targetId" name="targetId" type="search" defaultValue={q.targetId ?? ''} className="mono" />
        </div>
        <div className="field">
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="text" defaultValue={q.from ?? ''} placeholder="YYYY-MM-DD" />
        </div>
        <div className="field">
          <label htmlFor="to">To</label>
          <input id="to" name="to" type="text" defaultValue={q.to ?? ''} placeholder="YYYY-MM-DD" />
        </div>
        <button className="btn" type="submit">
          Filter
        </button>
        <Link href="/admin/audit">Clear</Link>
      </form>
      <p className="small muted" aria-live="polite">
        {result.total.toLocaleString('en')} events{pages > 1 ? ` · page ${result.page} of ${pages}` : ''}
      </p>
      <AuditHistory events={result.items} showTarget caption="Audit events, newest first" />
      {pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          {result.page > 1 ? <Link href={pageHref(result.page - 1)}>← Newer</Link> : null}
          {result.page < pages ? <Link href={pageHref(result.page + 1)}>Older →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
