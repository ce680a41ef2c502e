import type { Metadata } from 'next';
import { listRecentAuditEvents } from '@/lib/db/audit';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminHome() {
  const events = await listRecentAuditEvents(50);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Admin</h1>
          <p className="muted">Data stewardship: recent changes to the data, newest first.</p>
        </div>
      </header>
      <section className="panel" aria-labelledby="recent">
        <h2 id="recent">Recent audit events</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="mono">{e.at}</td>
                  <td>{e.actor}</td>
                  <td>{e.action}</td>
                  <td>
                    {e.targetType} {e.targetId ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
