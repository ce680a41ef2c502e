// The alert entry points without a browser: the server actions through runAction (session →
// permission → zod → data function, as Next calls them) and the unsubscribe route handler, which
// works without a session on the strength of its signed token.
import { vi, describe, expect, it } from 'vitest';

// The unsubscribe tokens are signed with AUTH_SECRET, read once when lib/env is first imported.
vi.hoisted(() => {
  process.env.AUTH_SECRET ??= 'alerts-entry-points-test-secret-0123456789';
});

import { prisma } from '../client';
import { runAction } from '../../actions/safe-action';
import { addWatchAction, rotateWebhookSecretAction, setEmailModeAction, setWebhookAction } from '../../actions/alerts';
import { getActivePrincipal } from '../accounts/users';
import { signToken } from '../../security/signed-token';
import { GET, POST } from '../../../app/alerts/unsubscribe/route';

async function analyst(name: string) {
  const u = await prisma.user.create({ data: { email: `alerts-ep-${name}-${Math.random().toString(36).slice(2, 8)}@example.org`, role: 'ANALYST', passwordHash: 'x' } });
  return (await getActivePrincipal(u.id))!;
}

const call = <A extends { permission: Parameters<typeof runAction>[1]; schema: Parameters<typeof runAction>[2]; run: Parameters<typeof runAction>[3] }>(p: Awaited<ReturnType<typeof analyst>> | null, a: A, input: unknown) =>
  runAction(p, a.permission, a.schema, a.run, input);

describe('alert actions', () => {
  it('refuse anonymous callers, bad input, and a webhook to a private address with a clear message', async () => {
    const p = await analyst('actions');
    expect(await call(null, addWatchAction, { kind: 'country', value: 'ir' })).toMatchObject({ ok: false, status: 401 });
    expect(await call(p, addWatchAction, { kind: 'name', value: 'a' })).toMatchObject({ ok: false, status: 422, fieldErrors: { value: ['Give at least three letters of the name.'] } });
    expect(await call(p, addWatchAction, { kind: 'country', value: 'IR' })).toMatchObject({ ok: true, data: { kind: 'country', value: 'ir', label: 'Iran (IR)' } });
    expect(await call(p, setEmailModeAction, { email: 'hourly' })).toMatchObject({ ok: false, status: 422 });
    expect(await call(p, rotateWebhookSecretAction, { probe: 'x' })).toMatchObject({ ok: false, status: 422 });
    const refused = await call(p, setWebhookAction, { webhookUrl: 'http://127.0.0.1:9/hook' });
    expect(refused).toMatchObject({ ok: false, status: 422, fieldErrors: { webhookUrl: [expect.stringContaining('not a public address')] } });
    expect(await call(p, setWebhookAction, { webhookUrl: 'http://10.0.0.1/hook' })).toMatchObject({ ok: false, status: 422 });
    expect(await prisma.alertSettings.findUnique({ where: { userId: p.id } })).toBeNull();
  });
});

describe('the unsubscribe link', () => {
  it('asks on GET, turns e-mail off on POST, and answers a forged or revoked token with a 400 page', async () => {
    const p = await analyst('unsubscribe');
    const token = signToken('unsubscribe', { u: p.id, v: 1 });
    const url = `http://localhost/alerts/unsubscribe?token=${encodeURIComponent(token)}`;

    const ask = await GET(new Request(url));
    expect(ask.status).toBe(200);
    const askHtml = await ask.text();
    expect(askHtml).toContain('Stop alert e-mails?');
    expect(askHtml).toContain('Turn off alert e-mails');
    // Asking changed nothing.
    expect(await prisma.alertSettings.findUnique({ where: { userId: p.id } })).toBeNull();

    const done = await POST(new Request('http://localhost/alerts/unsubscribe', { method: 'POST', body: new URLSearchParams({ token }) }));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Alert e-mails are off');
    expect((await prisma.alertSettings.findUniqueOrThrow({ where: { userId: p.id } })).email).toBe('off');
    // RFC 8058 one-click: the token in the URL, the body says List-Unsubscribe=One-Click.
    expect((await POST(new Request(url, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) }))).status).toBe(200);

    const forged = await GET(new Request(`http://localhost/alerts/unsubscribe?token=${encodeURIComponent(signToken('unsubscribe', { u: p.id, v: 1 }, 'another-secret-of-at-least-32-characters!!'))}`));
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('This unsubscribe link is not valid');
    expect((await GET(new Request('http://localhost/alerts/unsubscribe'))).status).toBe(400);
    // A feed token is not an unsubscribe token.
    expect((await POST(new Request(`http://localhost/alerts/unsubscribe?token=${encodeURIComponent(signToken('feed', { u: p.id, v: 1 }))}`, { method: 'POST' }))).status).toBe(400);
    await prisma.alertSettings.update({ where: { userId: p.id }, data: { tokenVersion: 2 } });
    expect((await GET(new Request(url))).status).toBe(400);
  });
});
