import Link from 'next/link';
import { Suspense } from 'react';
import { SaveViewForm } from '../forms/save-view-form';
import type { Principal } from '@/lib/auth/permissions';
import { can } from '@/lib/auth/permissions';
import { NavLink } from './nav-link';
import { SignOutButton } from './sign-out-button';
import { AlertsBell } from '../alerts/alerts-bell';

const ANALYST_LINKS = [
  { href: '/', label: 'Overview' },
  { href: '/milestones', label: 'Milestones' },
  { href: '/cases', label: 'Cases' },
  { href: '/changes', label: 'Changes' },
  { href: '/actions', label: 'Sanctions actions' },
  { href: '/entities', label: 'Entities' },
  { href: '/programs', label: 'Weapons programs' },
  { href: '/suppliers', label: 'Suppliers' },
  { href: '/analysis/lag', label: 'Cross-authority lag' },
  { href: '/analysis/milestone-windows', label: 'Milestone windows' },
  { href: '/analysis/event-study', label: 'Event study' },
  { href: '/views', label: 'Saved views' },
];

const ACCOUNT_LINKS = [{ href: '/account/tokens', label: 'API tokens' }];

const ADMIN_LINKS = [{ href: '/admin', label: 'Admin home' }];

export function Sidebar({ principal }: { principal: Principal }) {
  return (
    <nav className="sidebar" aria-label="Main">
      <Link href="/" className="brand">
        Sanctions Tracker
      </Link>
      <Suspense fallback={null}>
        <AlertsBell principal={principal} />
      </Suspense>
      {ANALYST_LINKS.map((l) => (
        <NavLink key={l.href} href={l.href}>
          {l.label}
        </NavLink>
      ))}
      {/* Reads the URL on the client: Suspense keeps the rest of the page server-rendered. */}
      <Suspense fallback={null}>
        <SaveViewForm />
      </Suspense>
      {can(principal, 'data:write') ? (
        <>
          <div className="nav-section">Admin</div>
          {ADMIN_LINKS.map((l) => (
            <NavLink key={l.href} href={l.href}>
              {l.label}
            </NavLink>
          ))}
        </>
      ) : null}
      <div className="nav-section">Account</div>
      {ACCOUNT_LINKS.map((l) => (
        <NavLink key={l.href} href={l.href}>
          {l.label}
        </NavLink>
      ))}
      <div className="sidebar-footer">
        <div>{principal.name ?? principal.email}</div>
        <div className="small">{principal.role === 'ADMIN' ? 'Administrator' : 'Analyst'}</div>
        <Link href="/account" className="small">
          Your account
        </Link>
        <SignOutButton />
      </div>
    </nav>
  );
}
