import type { ReactNode } from 'react';
import { AppShell } from '@/components/ui/app-shell';
import { requirePagePrincipal } from '@/lib/auth/session';

// ADMIN only: analysts get a 403 page (forbidden()), anonymous users the sign-in page.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const principal = await requirePagePrincipal('data:write');
  return <AppShell principal={principal}>{children}</AppShell>;
}
