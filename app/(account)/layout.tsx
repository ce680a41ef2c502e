import type { ReactNode } from 'react';
import { AppShell } from '@/components/ui/app-shell';
import { requirePagePrincipal } from '@/lib/auth/session';

// Any signed-in user, also one who must change their password first (that is what they come here for).
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const principal = await requirePagePrincipal('self:manage', { allowPasswordChange: true });
  return <AppShell principal={principal}>{children}</AppShell>;
}
