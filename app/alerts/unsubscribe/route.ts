// The unsubscribe link of alert e-mails (issue 27): no session, the signed token is the authority
// (lib/db/alerts/unsubscribe.ts). GET only asks — mail scanners and link previews fetch links, and
// must not unsubscribe anyone; the button (or a mail client's RFC 8058 one-click POST, sent with the
// List-Unsubscribe-Post header) turns alert e-mails off. A forged or revoked token is a 400 page.
// The proxy lets this path through without a session (PUBLIC_PATH in proxy.ts).
import { checkUnsubscribeToken, unsubscribeWithToken } from '@/lib/db/alerts/unsubscribe';
import { escapeHtml } from '@/lib/alerts/message';

function page(status: number, title: string, body: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)} · Sanctions Tracker</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } });
}

const invalid = () =>
  page(400, 'This unsubscribe link is not valid', '<p>The link is incomplete, was changed, or has been revoked. Sign in and turn alert e-mails off under Alerts, or use the link in a newer e-mail.</p><p><a href="/alerts">Alerts</a></p>');

export async function GET(req: Request): Promise<Response> {
  const token = new URL(req.url).searchParams.get('token') ?? '';
  const target = token ? await checkUnsubscribeToken(token) : null;
  if (!target) return invalid();
  return page(
    200,
    'Stop alert e-mails?',
    `<p>Alert e-mails to ${escapeHtml(target.email)} will stop. Your watchlist and notifications in the app stay as they are.</p>` +
      `<form method="post" action="/alerts/unsubscribe"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">Turn off alert e-mails</button></form>`,
  );
}

export async function POST(req: Request): Promise<Response> {
  let token = new URL(req.url).searchParams.get('token') ?? '';
  if (!token) {
    const form = await req.formData().catch(() => null);
    const value = form?.get('token');
    token = typeof value === 'string' ? value : '';
  }
  const target = token ? await unsubscribeWithToken(token) : null;
  if (!target) return invalid();
  return page(200, 'Alert e-mails are off', `<p>No more alert e-mails will be sent to ${escapeHtml(target.email)}. To turn them back on, sign in and choose an e-mail setting under <a href="/alerts">Alerts</a>.</p>`);
}
