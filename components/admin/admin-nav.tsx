import Link from 'next/link';
import { NavLink } from '@/components/ui/nav-link';
import { RESOURCES } from '@/lib/admin/resources';

/** The admin area's sections, shown above every admin page. */
export function AdminNav() {
  return (
    <nav className="admin-nav no-print" aria-label="Admin sections">
      <Link href="/admin" className="nav-link">
        Home
      </Link>
      {RESOURCES.map((r) => (
        <NavLink key={r.slug} href={`/admin/${r.slug}`}>
          {r.title}
        </NavLink>
      ))}
      <NavLink href="/admin/merge">Merge</NavLink>
      <NavLink href="/admin/matches">Match review</NavLink>
      <NavLink href="/admin/countries">Unresolved countries</NavLink>
      <NavLink href="/admin/imports">Imports</NavLink>
      <NavLink href="/admin/sources">Sources</NavLink>
      <NavLink href="/admin/users">Users</NavLink>
      <NavLink href="/admin/audit">Audit log</NavLink>
    </nav>
  );
}
