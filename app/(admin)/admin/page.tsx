import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { can } from '@/lib/auth/permissions';
import { listAuditEvents } from '@/lib/db/audit';
import { RESOURCES } from '@/lib/admin/resources';
import { AuditHistory } from '@/components/tables/audit-history';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminHome() {
  const viewer = await requirePagePrincipal('data:write');
  // The audit trail is its own permission (audit:read): a role that edits data without it sees no events.
  const recent = can(viewer, 'audit:read') ? await listAuditEvents(viewer, { page: 1 }) : { items: [] };
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Admin</h1>
          <p className="muted">Data stewardship: enter and correct records, merge duplicates, manage users, review every change.</p>
        </div>
      </header>
      <section className="panel" aria-labelledby="sections">
        <h2 id="sections">Records</h2>
        <ul className="grid-2">
          {RESOURCES.map((r) => (
            <li key={r.slug}>
              <Link href={`/admin/${r.slug}`}>{r.title}</Link> <span className="small muted">— {r.intro}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="recent">
        <h2 id="recent">Recent audit events</h2>
        <AuditHistory events={recent.items.slice(0, 20)} showTarget caption="The latest changes, newest first" />
        <p>
          <Link href="/admin/audit">The whole audit log →</Link>
        </p>
      </section>
    </>
  );
}
