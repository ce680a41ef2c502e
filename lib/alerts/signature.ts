// Webhook signatures (issue 27): `X-Signature-SHA256: sha256=<hex HMAC-SHA256(secret, raw body)>`.
// The body carries its delivery id and creation time (`id`, `sentAt`): a receiver drops an id it
// has seen, or a body too old, to refuse replays — both are under the signature.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Signature-SHA256';

/** A new webhook secret: 32 random bytes, base64url, with a prefix that says what it is. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does: recompute over the raw body, compare in constant time. */
export function verifyWebhookSignature(secret: string, body: string, header: string | null | undefined): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/.test(header)) return false;
  const expected = Buffer.from(signWebhookBody(secret, body));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
