import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isPublicAddress, parseAllowHosts, resolveWebhookTarget, WebhookRefusedError } from './ssrf';
import { generateWebhookSecret, signWebhookBody, verifyWebhookSignature } from './signature';
import { buildWebhookBody, escapeHtml, formatValue, groupBy, isDigestDue, renderAlertEmail, type AlertChange } from './message';
import { nameWatchParams } from './name-match';
import { createHmac } from 'node:crypto';

describe('SSRF guard', () => {
  it('accepts only public unicast addresses', () => {
    for (const a of ['127.0.0.1', '127.8.9.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '255.255.255.255', '224.0.0.1', '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '2002:7f00:1::1', '64:ff9b::7f00:1', 'not-an-ip']) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isPublicAddress(a), a).toBe(true);
  });

  it('refuses a host that resolves to any private address, unless allow-listed; pins the first address', async () => {
    const lookup = (answers: Record<string, string[]>) => async (h: string) => (answers[h] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    const dns = lookup({ 'hooks.example.com': ['93.184.216.34'], 'mixed.example.com': ['93.184.216.34', '10.0.0.5'], 'intranet.example.com': ['10.0.0.5'] });
    await expect(resolveWebhookTarget('https://hooks.example.com/x', { allowHosts: [], lookup: dns })).resolves.toEqual({ address: '93.184.216.34', family: 4 });
    await expect(resolveWebhookTarget('https://mixed.example.com/x', { allowHosts: [], lookup: dns })).rejects.toBeInstanceOf(WebhookRefusedError);
    await expect(resolveWebhookTarget('https://intranet.example.com/x', { allowHosts: [], lookup: dns })).rejects.toThrow(/not a public address/);
    await expect(resolveWebhookTarget('https://intranet.example.com/x', { allowHosts: ['intranet.example.com'], lookup: dns })).resolves.toEqual({ address: '10.0.0.5', family: 4 });
    await expect(resolveWebhookTarget('https://nowhere.example.com/x', { allowHosts: [], lookup: dns })).rejects.toThrow(/could not be resolved/);
    for (const url of ['http://127.0.0.1:8080/', 'http://[::1]/', 'http://10.0.0.1/', 'http://169.254.169.254/latest', 'http://[fc00::1]/']) {
      await expect(resolveWebhookTarget(url, { allowHosts: [], lookup: dns }), url).rejects.toThrow(/not a public address/);
    }
    await expect(resolveWebhookTarget('http://127.0.0.1:8080/', { allowHosts: parseAllowHosts(' 127.0.0.1 , Hooks.Internal ') })).resolves.toEqual({ address: '127.0.0.1', family: 4 });
    await expect(resolveWebhookTarget('http://[::1]:8080/', { allowHosts: parseAllowHosts('[::1]') })).resolves.toEqual({ address: '::1', family: 6 });
  });

  it('refuses other schemes and credentials in the URL', () => {
    expect(() => checkWebhookUrl('file:///etc/passwd')).toThrow(WebhookRefusedError);
    expect(() => checkWebhookUrl('gopher://x')).toThrow(WebhookRefusedError);
    expect(() => checkWebhookUrl('https://user:pw@hooks.example.com/')).toThrow(/no user name or password/);
    expect(checkWebhookUrl('https://hooks.example.com/a?b=1').hostname).toBe('hooks.example.com');
  });
});

describe('webhook signature', () => {
  it('is sha256=<hex HMAC-SHA256(secret, body)> and verifies in constant time', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const body = '{"id":"1","changes":[]}';
    const header = signWebhookBody(secret, body);
    expect(header).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
    expect(verifyWebhookSignature(secret, body, header)).toBe(true);
    expect(verifyWebhookSignature(secret, `${body} `, header)).toBe(false);
    expect(verifyWebhookSignature('whsec_other', body, header)).toBe(false);
    expect(verifyWebhookSignature(secret, body, undefined)).toBe(false);
    expect(verifyWebhookSignature(secret, body, header.toUpperCase())).toBe(false);
  });
});

const change = (over: Partial<AlertChange> = {}): AlertChange => ({
  changeId: '7', kind: 'LISTED', entityId: 'ent1', entityName: 'Acme <script>alert(1)</script> & Sons', authorityId: 'US-OFAC', sourceKey: '123',
  programs: ['IRAN'], countries: ['ir'], fields: { remarks: { from: null, to: '<img src=x onerror=alert(1)>' } }, editionDate: '2026-12-01', importRunId: 'run1',
  matched: ['Name pattern: “<b>acme</b>”'], ...over,
});

describe('alert messages', () => {
  it('escapes every list and user value in the HTML, links entities and the unsubscribe page', () => {
    const m = renderAlertEmail({ changes: [change()], publicUrl: 'https://t.example.org/', unsubscribeUrl: 'https://t.example.org/alerts/unsubscribe?token=a.b&x="1"' });
    expect(m.html).not.toMatch(/<script>|<img|<b>acme/);
    expect(m.html).toContain('Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons');
    expect(m.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(m.html).toContain('<a href="https://t.example.org/entities/ent1">');
    expect(m.html).toContain('href="https://t.example.org/alerts/unsubscribe?token=a.b&amp;x=&quot;1&quot;"');
    expect(m.text).toContain('https://t.example.org/entities/ent1');
    expect(m.text).toContain('remarks: — → <img src=x onerror=alert(1)>');
    expect(m.subject).toBe('Sanctions Tracker: Acme <script>alert(1)</script> & Sons listed by US-OFAC');
  });

  it('keeps the subject on one line and says how to manage alerts without PUBLIC_URL', () => {
    const m = renderAlertEmail({ changes: [change({ entityName: 'Evil\r\nBcc: victim@example.org' }), change()], publicUrl: null, unsubscribeUrl: null, digest: true });
    expect(m.subject).toBe('Sanctions Tracker daily digest: 2 changes to what you watch');
    const one = renderAlertEmail({ changes: [change({ entityName: 'Evil\r\nBcc: victim@example.org' })], publicUrl: null, unsubscribeUrl: null });
    expect(one.subject).not.toMatch(/[\r\n]/);
    expect(one.html).not.toContain('href=');
    expect(one.text).toContain('under Alerts in Sanctions Tracker');
  });

  it('builds the webhook body with its id and time (under the signature)', () => {
    const body = JSON.parse(buildWebhookBody({ id: 'd1', sentAt: new Date('2026-12-07T10:00:00Z'), changes: [change()], publicUrl: 'https://t.example.org' })) as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'sanctions-tracker.alert', id: 'd1', sentAt: '2026-12-07T10:00:00.000Z', changes: [{ id: '7', kind: 'LISTED', entity: { id: 'ent1', url: 'https://t.example.org/entities/ent1' } }] });
  });

  it('formats values, groups, and knows when a digest is due', () => {
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(formatValue('x'.repeat(300))).toHaveLength(200);
    expect(escapeHtml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
    expect(groupBy([1, 2, 3, 4], (n) => String(n % 2))).toEqual([['1', [1, 3]], ['0', [2, 4]]]);
    const t = new Date('2026-12-07T08:00:00Z');
    expect(isDigestDue(null, t)).toBe(true);
    expect(isDigestDue(new Date('2026-12-06T09:00:00Z'), t)).toBe(false);
    expect(isDigestDue(new Date('2026-12-06T08:00:00Z'), t)).toBe(true);
  });
});

describe('name watch parameters (the search matcher)', () => {
  it('builds the transliteration test of each Latin word and the ordered pattern of two or more', () => {
    const one = nameWatchParams('qods')!;
    expect(one.trace).toEqual([]);
    expect(one.orderedPattern).toBeNull();
    expect(one.translit).toHaveLength(1);
    expect(new RegExp(one.translit[0]!.pat.replace('\\m', '\\b')).test('ghods')).toBe(true);
    const two = nameWatchParams('shahed aviation')!;
    expect(two.trace).toEqual(['shahed', 'aviation']);
    expect(two.orderedPattern).toMatch(/\.\*/);
    expect(two.orderedLetters).toBeTruthy();
  });

  it('switches the transliteration test off for short words, as the search does, and matches nothing for nothing', () => {
    expect(nameWatchParams('iran')!.translit).toEqual([]);
    expect(nameWatchParams('')).toBeNull();
    expect(nameWatchParams('мир')!.translit).toEqual([]);
  });
});

describe('watch validation', () => {
  it('normalises and checks each kind of value', async () => {
    const { addWatchSchema } = await import('../validation/alerts');
    expect(addWatchSchema.parse({ kind: 'country', value: ' IR ' })).toEqual({ kind: 'country', value: 'ir' });
    expect(addWatchSchema.parse({ kind: 'country', value: 'ua-cri' })).toEqual({ kind: 'country', value: 'ua-cri' });
    expect(addWatchSchema.parse({ kind: 'program', value: 'US-OFAC:NPWMD' })).toEqual({ kind: 'program', value: 'US-OFAC:NPWMD' });
    expect(addWatchSchema.safeParse({ kind: 'program', value: 'NPWMD' }).success).toBe(false);
    expect(addWatchSchema.safeParse({ kind: 'weapon', value: 'Shahed 136' }).success).toBe(false);
    expect(addWatchSchema.safeParse({ kind: 'name', value: 'a.b' }).success).toBe(false);
    expect(addWatchSchema.safeParse({ kind: 'name', value: 'Qods' }).success).toBe(true);
    expect(addWatchSchema.safeParse({ kind: 'name', value: 'Qods\u202E' }).success).toBe(false);
    expect(addWatchSchema.safeParse({ kind: 'entity', value: "x' OR 1=1" }).success).toBe(false);
    expect(addWatchSchema.safeParse({ kind: 'user', value: 'x' }).success).toBe(false);
  });
});

describe('large updates', () => {
  it('lists at most 100 changes in a mail and points to the page for the rest', async () => {
    const { MAX_CHANGES_IN_MAIL, chunk } = await import('./message');
    const many = Array.from({ length: MAX_CHANGES_IN_MAIL + 5 }, (_, i) => change({ changeId: String(i), entityName: `Entity ${i}` }));
    const m = renderAlertEmail({ changes: many, publicUrl: 'https://t.example.org', unsubscribeUrl: null });
    expect(m.subject).toBe(`Sanctions Tracker: ${MAX_CHANGES_IN_MAIL + 5} changes to what you watch`);
    expect(m.text).toContain('Entity 99');
    expect(m.text).not.toContain('Entity 100');
    expect(m.text).toContain('… and 5 more');
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
