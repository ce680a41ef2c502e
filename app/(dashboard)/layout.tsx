import type { ReactNode } from 'react';
import { AppShell } from '@/components/ui/app-shell';
import { requirePagePrincipal } from '@/lib/auth/session';

// Every page here needs a signed-in user (the proxy redirects too; this is the check that counts).
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const principal = await requirePagePrincipal('data:read');
  return <AppShell principal={principal}>{children}</AppShell>;
}
