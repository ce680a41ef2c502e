import type { Metadata } from 'next';
import Link from 'next/link';
import { listAuditEvents } from '@/lib/db/audit';
import { RESOURCES } from '@/components/admin/resources';
import { AuditHistory } from '@/components/tables/audit-history';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminHome() {
  const recent = await listAuditEvents({ page: 1 });
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
