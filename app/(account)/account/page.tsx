import type { Metadata } from 'next';
import { requirePagePrincipal } from '@/lib/auth/session';
import { changeOwnPassword, endAllOwnSessions, endOwnSession } from '@/lib/actions/users';
import { listOwnSessions } from '@/lib/db/accounts/sessions';
import { SessionList } from '@/components/forms/session-list';
import { ChangePasswordForm } from '@/components/forms/change-password-form';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const me = await requirePagePrincipal('self:manage', { allowPasswordChange: true });
  const sessions = await listOwnSessions(me);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Your account</h1>
          <p className="muted">
            {me.email} · {me.role === 'ADMIN' ? 'administrator' : 'analyst'}
          </p>
        </div>
      </header>
      {me.mustChangePassword ? (
        <p className="notice notice-warn" role="status">
          You signed in with a one-time password: choose your own password to continue.
        </p>
      ) : null}
      <section className="panel" aria-labelledby="password">
        <h2 id="password">Change your password</h2>
        <ChangePasswordForm action={changeOwnPassword} next={me.mustChangePassword ? '/' : null} />
      </section>
      <section className="panel" aria-labelledby="sessions">
        <h2 id="sessions">Your sessions ({sessions.length})</h2>
        <p className="muted small">Where you are signed in. Last seen is updated at most once a minute. A session ends when you sign out, when it has been idle too long or reaches its maximum age, or when you end it here.</p>
        <SessionList sessions={sessions} endSession={endOwnSession} endAll={endAllOwnSessions} />
      </section>
    </>
  );
}
