import type { ReactNode } from 'react';
import type { Principal } from '@/lib/auth/permissions';
import { Sidebar } from './sidebar';
import { PrintExpander } from './print-expander';

/** The signed-in frame shared by the analyst and admin route groups. */
export function AppShell({ principal, children }: { principal: Principal; children: ReactNode }) {
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Sidebar principal={principal} />
      <PrintExpander />
      <main id="main" className="main">
        {children}
      </main>
    </div>
  );
}
