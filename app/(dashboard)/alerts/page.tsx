import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePrincipal } from '@/lib/auth/session';
import { listWatches } from '@/lib/db/alerts/watches';
import { getAlertSettings } from '@/lib/db/alerts/settings';
import { countUnreadNotifications, listNotifications, listWebhookDeliveries, NOTIFICATIONS_SHOWN } from '@/lib/db/alerts/notifications';
import { getFilterOptions } from '@/lib/db/metrics';
import { countryName } from '@/lib/normalize/countries';
import { formatPartialDate } from '@/lib/dates';
import { formatValue } from '@/lib/alerts/message';
import { KIND_LABELS } from '@/lib/changes/describe';
import { WATCH_KIND_LABELS } from '@/lib/validation/alerts';
import {
  AddWatchForm,
  EmailModeForm,
  MarkAllReadButton,
  MarkReadButton,
  RemoveWatchButton,
  RemoveWebhookButton,
  RevokeLinksButton,
  RotateSecretButton,
  WebhookForm,
} from '@/components/alerts/alert-forms';

export const metadata: Metadata = { title: 'Alerts' };

function when(iso: string | null): string {
  return iso ? `${formatPartialDate(iso.slice(0, 10), 'DAY')} ${iso.slice(11, 16)} UTC` : '—';
}

export default async function AlertsPage() {
  const viewer = await requirePagePrincipal('self:manage');
  const [watches, settings, notifications, unread, deliveries, options] = await Promise.all([
    listWatches(viewer),
    getAlertSettings(viewer),
    listNotifications(viewer),
    countUnreadNotifications(viewer),
    listWebhookDeliveries(viewer),
    getFilterOptions(viewer),
  ]);
  const programs = options.programs.map((p) => ({ value: p.key, label: p.label }));
  const weapons = options.weapons.map((w) => ({ value: w.slug, label: w.name }));
  const countries = options.countries.map((c) => ({ value: c.code.toLowerCase(), label: countryName(c.code) })).sort((a, b) => a.label.localeCompare(b.label));

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Alerts</h1>
          <p className="muted">
            Watch entities, sanctions programs, weapons programs, countries or name patterns. When an imported list update changes a listing you watch, it appears under Notifications, and by e-mail or webhook if you set them up. Each change is notified once.
          </p>
        </div>
      </header>

      <section className="panel" aria-labelledby="watchlist-title">
        <h2 id="watchlist-title">Your watchlist ({watches.length})</h2>
        {watches.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Watching</th>
                  <th scope="col">Since</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {watches.map((w) => (
                  <tr key={w.id}>
                    <td>{WATCH_KIND_LABELS[w.kind]}</td>
                    <td>
                      {w.kind === 'entity' ? <Link href={`/entities/${encodeURIComponent(w.value)}`}>{w.label}</Link> : w.kind === 'weapon' ? <Link href={`/programs/${encodeURIComponent(w.value)}`}>{w.label}</Link> : w.label}
                    </td>
                    <td>{when(w.createdAt)}</td>
                    <td>
                      <RemoveWatchButton id={w.id} label={w.label} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">You watch nothing yet.</p>
        )}
        <h3>Add to your watchlist</h3>
        <p className="small muted">To watch an entity, use “Watch” on its page. A name pattern is matched as the entity search matches names and aliases (spelling variants included).</p>
        <AddWatchForm kind="program" label="Sanctions program" button="Watch program" options={programs} />
        <AddWatchForm kind="weapon" label="Weapons program" button="Watch weapons program" options={weapons} />
        <AddWatchForm kind="country" label="Country" button="Watch country" options={countries} />
        <AddWatchForm kind="name" label="Name pattern" button="Watch name" options={null} />
      </section>

      <section className="panel" aria-labelledby="delivery-title">
        <h2 id="delivery-title">Delivery</h2>
        {settings.isSmtpConfigured ? null : (
          <p className="notice" role="note">
            E-mail is not configured on this server (SMTP_URL is not set): no alert e-mails are sent. Notifications still appear below, and webhooks still work.
          </p>
        )}
        <EmailModeForm email={settings.email} />
        <h3>Webhook</h3>
        <p className="small muted">
          Each update that matches your watchlist is POSTed as JSON to this URL, signed with <code>X-Signature-SHA256: sha256=&lt;hex HMAC-SHA256 of the body&gt;</code>. Addresses on loopback, private or link-local networks are refused.
        </p>
        <WebhookForm webhookUrl={settings.webhookUrl} />
        {settings.webhookUrl ? (
          <div className="controls">
            <RotateSecretButton />
            <RemoveWebhookButton />
          </div>
        ) : null}
        <h3>Links in e-mails</h3>
        <p className="small muted">Unsubscribe links work without signing in. If one was forwarded, revoke them all: e-mails sent from now on carry new ones.</p>
        <RevokeLinksButton />
      </section>

      <section className="panel" aria-labelledby="notifications-title">
        <h2 id="notifications-title">Notifications ({unread} unread)</h2>
        {unread ? <MarkAllReadButton /> : null}
        {notifications.length ? (
          <ul>
            {notifications.map((n) => (
              <li key={n.notificationId} data-unread={n.readAt ? undefined : 'true'}>
                <p>
                  {n.readAt ? null : <span className="badge badge-strong">New</span>} <Link href={`/entities/${encodeURIComponent(n.entityId)}`}>{n.entityName}</Link> — {KIND_LABELS[n.kind]}
                  {n.authorityId ? ` by ${n.authorityId}` : ''} <span className="small muted">({n.sourceKey}, edition {formatPartialDate(n.editionDate, 'DAY')})</span>
                </p>
                {Object.keys(n.fields).length ? (
                  <ul className="small">
                    {Object.entries(n.fields).map(([field, d]) => (
                      <li key={field}>
                        {field}: {formatValue(d?.from)} → {formatValue(d?.to)}
                      </li>
                    ))}
                  </ul>
                ) : null}
                <p className="small muted">
                  Watching: {n.matched.join('; ')} · {when(n.createdAt.toISOString())}
                </p>
                {n.readAt ? null : <MarkReadButton id={n.notificationId} label={n.entityName} />}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No notifications yet.</p>
        )}
        {notifications.length >= NOTIFICATIONS_SHOWN ? <p className="small muted">The newest {NOTIFICATIONS_SHOWN} are shown.</p> : null}
      </section>

      <section className="panel" aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">Webhook deliveries (last 90 days)</h2>
        {deliveries.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Queued</th>
                  <th scope="col">URL</th>
                  <th scope="col">Changes</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">HTTP status</th>
                  <th scope="col">Error</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>{when(d.createdAt)}</td>
                    <td className="mono small">{d.url}</td>
                    <td className="num">{d.changes}</td>
                    <td>{d.status}</td>
                    <td className="num">{d.attempts}</td>
                    <td className="num">{d.responseStatus ?? '—'}</td>
                    <td className="small">{d.error ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No webhook calls in the last 90 days.</p>
        )}
      </section>
    </>
  );
}
