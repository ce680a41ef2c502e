// The bell in the sidebar: the caller's unread notifications, linking to /alerts. Server component.
import Link from 'next/link';
import type { Principal } from '@/lib/auth/permissions';
import { countUnreadNotifications } from '@/lib/db/alerts/notifications';

export async function AlertsBell({ principal }: { principal: Principal }) {
  // NOTE: a count that cannot be read must not take the whole frame down with it.
  const unread = await countUnreadNotifications(principal).catch(() => null);
  const label = unread ? `Alerts: ${unread} unread` : 'Alerts';
  return (
    <Link href="/alerts" className="nav-link" aria-label={label} data-testid="alerts-bell">
      <span aria-hidden="true">🔔</span> Alerts{unread ? <span className="badge badge-strong">{unread > 99 ? '99+' : unread}</span> : null}
    </Link>
  );
}
