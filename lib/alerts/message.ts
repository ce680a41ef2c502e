// Alert messages (issue 27): the e-mail (text and HTML) and the webhook's JSON, from the changes a
// user's watches matched. Pure. Everything in a change comes from a sanctions list or a user's own
// watch, so every value is escaped in the HTML (a listed name may hold "<", an alias "&").

import type { ChangeKind } from '../changes/filter';
import { KIND_LABELS } from '../changes/describe';
import { escapeHtml } from '../changes/feed';

export type { ChangeKind };
export { escapeHtml };

export type AlertChange = {
  changeId: string;
  kind: ChangeKind;
  /** The live entity now (after merges and splits): what the link opens. */
  entityId: string;
  entityName: string;
  authorityId: string | null;
  sourceKey: string;
  programs: string[];
  countries: string[];
  fields: Record<string, { from: unknown; to: unknown }>;
  /** ISO day of the list's edition. */
  editionDate: string;
  importRunId: string;
  /** The labels of the watches that matched ("Entity: Rosoboronexport"). */
  matched: string[];
};


/** A value of a field diff, on one line and bounded (a list's remarks can run for pages). */
export function formatValue(v: unknown): string {
  const s = v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
  const line = s.replace(/\s+/g, ' ').trim() || '—';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** No line breaks or other controls in a header (nodemailer encodes the rest). */
const oneLine = (s: string) => s.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').replace(/\s+/g, ' ').trim();

export function entityUrl(publicUrl: string | null, entityId: string): string | null {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}/entities/${encodeURIComponent(entityId)}` : null;
}

function summary(c: AlertChange): string {
  return `${KIND_LABELS[c.kind]}${c.authorityId ? ` by ${c.authorityId}` : ''} (${c.sourceKey}, edition ${c.editionDate})`;
}

export type RenderedEmail = { subject: string; text: string; html: string };

/** A mail lists this many changes, then points to the Alerts page (a first import lists thousands). */
export const MAX_CHANGES_IN_MAIL = 100;
/** A webhook call carries at most this many changes; more are split into several calls. */
export const MAX_CHANGES_IN_WEBHOOK = 500;

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * One e-mail: the changes of one import (immediate) or of a day (digest), with a link to each
 * entity and the unsubscribe link. Without PUBLIC_URL there is nothing to link to: the mail says so.
 */
export function renderAlertEmail(opts: { changes: AlertChange[]; publicUrl: string | null; unsubscribeUrl: string | null; digest?: boolean }): RenderedEmail {
  const { changes, publicUrl, unsubscribeUrl } = opts;
  const n = changes.length;
  const first = changes[0];
  const subject = oneLine(
    opts.digest
      ? `Sanctions Tracker daily digest: ${n} change${n === 1 ? '' : 's'} to what you watch`
      : n === 1 && first
        ? `Sanctions Tracker: ${first.entityName} ${KIND_LABELS[first.kind].toLowerCase()}${first.authorityId ? ` by ${first.authorityId}` : ''}`
        : `Sanctions Tracker: ${n} changes to what you watch`,
  ).slice(0, 200);
  const intro = opts.digest ? `${n} change${n === 1 ? '' : 's'} to what you watch since the last digest:` : `${n === 1 ? 'A change' : `${n} changes`} to what you watch:`;
  const alertsUrl = publicUrl ? `${publicUrl.replace(/\/+$/, '')}/alerts` : null;

  const text: string[] = [intro, ''];
  const items: string[] = [];
  for (const c of changes.slice(0, MAX_CHANGES_IN_MAIL)) {
    const link = entityUrl(publicUrl, c.entityId);
    const fields = Object.entries(c.fields).map(([k, d]) => `${k}: ${formatValue(d.from)} → ${formatValue(d.to)}`);
    text.push(`* ${c.entityName} — ${summary(c)}`);
    if (c.programs.length) text.push(`  Programs: ${c.programs.join(', ')}`);
    for (const f of fields) text.push(`  ${f}`);
    if (c.matched.length) text.push(`  Watching: ${c.matched.join('; ')}`);
    if (link) text.push(`  ${link}`);
    text.push('');
    items.push(
      `<li><p><strong>${link ? `<a href="${escapeHtml(link)}">${escapeHtml(c.entityName)}</a>` : escapeHtml(c.entityName)}</strong> — ${escapeHtml(summary(c))}</p>` +
        (c.programs.length ? `<p>Programs: ${escapeHtml(c.programs.join(', '))}</p>` : '') +
        (fields.length ? `<ul>${fields.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>` : '') +
        (c.matched.length ? `<p><small>Watching: ${escapeHtml(c.matched.join('; '))}</small></p>` : '') +
        `</li>`,
    );
  }
  const more = n - MAX_CHANGES_IN_MAIL;
  if (more > 0) {
    text.push(`… and ${more} more: see Alerts in Sanctions Tracker.`, '');
    items.push(`<li>… and ${more} more: see ${alertsUrl ? `<a href="${escapeHtml(alertsUrl)}">Alerts</a>` : 'Alerts'} in Sanctions Tracker.</li>`);
  }
  const footer = [
    alertsUrl ? `Manage your watchlist and alerts: ${alertsUrl}` : 'Manage your watchlist and alerts under Alerts in Sanctions Tracker.',
    unsubscribeUrl ? `Stop these e-mails: ${unsubscribeUrl}` : '',
  ].filter(Boolean);
  text.push('--', ...footer);
  const html =
    `<!doctype html><html><body><p>${escapeHtml(intro)}</p><ul>${items.join('')}</ul><hr>` +
    `<p><small>${alertsUrl ? `<a href="${escapeHtml(alertsUrl)}">Manage your watchlist and alerts</a>` : 'Manage your watchlist and alerts under Alerts in Sanctions Tracker.'}` +
    `${unsubscribeUrl ? ` · <a href="${escapeHtml(unsubscribeUrl)}">Stop these e-mails</a>` : ''}</small></p></body></html>`;
  return { subject, text: text.join('\n'), html };
}

/** The webhook's JSON body (see README "Alerts"): what was sent is what is signed and logged. */
export function buildWebhookBody(opts: { id: string; sentAt: Date; changes: AlertChange[]; publicUrl: string | null }): string {
  return JSON.stringify({
    type: 'sanctions-tracker.alert',
    id: opts.id,
    sentAt: opts.sentAt.toISOString(),
    changes: opts.changes.map((c) => ({
      id: c.changeId,
      kind: c.kind,
      entity: { id: c.entityId, name: c.entityName, url: entityUrl(opts.publicUrl, c.entityId) },
      authority: c.authorityId,
      sourceKey: c.sourceKey,
      editionDate: c.editionDate,
      importRunId: c.importRunId,
      programs: c.programs,
      countries: c.countries,
      fields: c.fields,
      matched: c.matched,
    })),
  });
}

/** Groups in first-seen order (one mail or webhook call per user and import run). */
export function groupBy<T>(items: T[], key: (t: T) => string): Array<[string, T[]]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return [...out];
}

/** A daily digest is due a day after the last one (or at once for the first). */
export function isDigestDue(lastDigestAt: Date | null, now: Date): boolean {
  return !lastDigestAt || now.getTime() - lastDigestAt.getTime() >= 24 * 3600 * 1000;
}
