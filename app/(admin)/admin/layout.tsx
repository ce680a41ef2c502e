import type { ReactNode } from 'react';
import { AppShell } from '@/components/ui/app-shell';
import { AdminNav } from '@/components/admin/admin-nav';
import { requirePagePrincipal } from '@/lib/auth/session';
import './admin.css';

// ADMIN only: analysts get a 403 page (forbidden()), anonymous users the sign-in page.
// NOTE: this hides the pages; every admin action checks the permission again where it runs.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const principal = await requirePagePrincipal('data:write');
  return (
    <AppShell principal={principal}>
      <AdminNav />
      {children}
    </AppShell>
  );
}
