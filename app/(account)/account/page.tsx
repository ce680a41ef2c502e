import type { Metadata } from 'next';
import { requirePagePrincipal } from '@/lib/auth/session';
import { changeOwnPassword } from '@/lib/actions/users';
import { ChangePasswordForm } from '@/components/forms/change-password-form';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const me = await requirePagePrincipal('self:manage', { allowPasswordChange: true });
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
    </>
  );
}
