import Link from 'next/link';
import type { Principal } from '@/lib/auth/permissions';
import { can } from '@/lib/auth/permissions';
import { NavLink } from './nav-link';
import { SignOutButton } from './sign-out-button';

const ANALYST_LINKS = [
  { href: '/', label: 'Overview' },
  { href: '/entities', label: 'Entities' },
];

const ADMIN_LINKS = [{ href: '/admin', label: 'Admin home' }];

export function Sidebar({ principal }: { principal: Principal }) {
  return (
    <nav className="sidebar" aria-label="Main">
      <Link href="/" className="brand">
        Sanctions Tracker
      </Link>
      {ANALYST_LINKS.map((l) => (
        <NavLink key={l.href} href={l.href}>
          {l.label}
        </NavLink>
      ))}
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
