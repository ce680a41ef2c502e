import type { Metadata } from 'next';
import { requirePagePrincipal } from '@/lib/auth/session';
import { listUsers } from '@/lib/db/admin/users';
import { createUser, endUserSessions, resetUserPassword, setUserDisabled, setUserRole, unlockUser } from '@/lib/actions/users';
import { CreateUserForm, UserRowActions } from '@/components/admin/user-forms';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const me = await requirePagePrincipal('users:manage');
  const users = await listUsers(me);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Users</h1>
          <p className="muted">Administrators enter and correct data; analysts read. A new or reset password is shown once and must be changed at the next sign-in. Changing a role or password, or disabling a user, ends their sessions; so does “End sessions”, which leaves the user enabled.</p>
        </div>
      </header>
      <section className="panel" aria-labelledby="new-user">
        <h2 id="new-user">New user</h2>
        <CreateUserForm action={createUser} />
      </section>
      <section className="panel" aria-labelledby="all-users">
        <h2 id="all-users">All users ({users.length})</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in (UTC)</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className={u.disabled ? 'is-deleted' : undefined}>
                  <td>
                    {u.email}
                    {u.id === me.id ? <span className="muted small"> (you)</span> : null}
                  </td>
                  <td>{u.name ?? '—'}</td>
                  <td>{u.role === 'ADMIN' ? 'administrator' : 'analyst'}</td>
                  <td>
                    {u.disabled ? 'disabled' : 'active'}
                    {u.mustChangePassword ? <span className="flag"> (must change password)</span> : null}
                    {u.lockedUntil ? <span className="flag"> (sign-in locked until {u.lockedUntil} UTC after failed attempts)</span> : null}
                  </td>
                  <td className="mono">{u.lastLoginAt ?? '—'}</td>
                  <td>
                    <UserRowActions user={u} setRole={setUserRole} setDisabled={setUserDisabled} resetPassword={resetUserPassword} unlock={unlockUser} endSessions={endUserSessions} />
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
