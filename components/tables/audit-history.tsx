import type { AuditEventView } from '@/lib/db/audit';
import { formatValue } from '@/components/admin/format';

/** A record's history (or any list of audit events): who did what, when, and what changed. */
export function AuditHistory({ events, showTarget = false, caption }: { events: AuditEventView[]; showTarget?: boolean; caption: string }) {
  if (!events.length) return <p className="muted">No recorded changes.</p>;
  return (
    // Focusable: a long change (a merge's evidence) makes the table scroll, and keyboard users must reach it.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="audit-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            {showTarget ? <th scope="col">Target</th> : null}
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td className="mono nowrap">{e.at}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              {showTarget ? (
                <td>
                  {e.targetType} <span className="mono small">{e.targetId ?? ''}</span>
                </td>
              ) : null}
              <td>
                {e.changes.length ? (
                  <ul className="changes">
                    {e.changes.map((c) => (
                      <li key={c.field}>
                        <strong>{c.field}</strong>: <del>{formatValue(c.from)}</del> → <ins>{formatValue(c.to)}</ins>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted small">{e.meta ? formatValue(e.meta) : '—'}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
