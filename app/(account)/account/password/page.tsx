// Where sign-in sends a user who must replace a one-time password (lib/auth/session.ts): the account
// page, which checks its caller itself (requirePagePrincipal with allowPasswordChange).
import AccountPage from '../page';
import { requirePagePrincipal } from '@/lib/auth/session';

export { metadata } from '../page';

export default async function PasswordPage() {
  await requirePagePrincipal('self:manage', { allowPasswordChange: true });
  return AccountPage();
}
