// The client address for per-address sign-in throttling, trusting X-Forwarded-For only as far as
// TRUST_PROXY (the number of reverse proxies in front of the app) says.
//
// NOTE (Next 16.4, node_modules/next/dist/server/base-server.js, handleRequestImpl): Next writes
// `req.headers['x-forwarded-for'] ??= socket.remoteAddress` — only when the request has no such
// header; it neither appends to nor overwrites one a client sent. Route handlers and next-auth's
// authorize(req) get headers only (NextRequestAdapter.fromNodeNextRequest passes no ip), so this
// header is the only way the socket's address reaches the app.
//   - TRUST_PROXY=N ≥ 1: each of our N proxies appended the address it saw, so the entry N from the
//     right is the one our outermost proxy wrote: the client's. Entries further left are whatever
//     the client sent.
//   - TRUST_PROXY=0 (reached directly): Next's own value is exactly one entry. A header of any other
//     shape was written by the client and is ignored. A client that sends one made-up entry pre-empts
//     Next's value and cannot be told apart: only a process that holds the socket could (a proxy
//     with TRUST_PROXY ≥ 1, or `npm start`'s default HOST=127.0.0.1). SECURITY.md says so; the
//     per-account lockout does not depend on the address.
import { env } from '../env';

/**
 * The key of requests whose header cannot be what our hops wrote (forged, garbage, fewer entries
 * than proxies): they share one throttling bucket, so a made-up header never escapes the limit.
 */
export const UNVERIFIED_ADDRESS = 'unverified';

// Only what looks like an IPv4/IPv6 address (with an optional port) becomes a key.
const ADDRESS = /^[0-9a-fA-F:.[\]]{2,64}$/;

export function clientAddress(headers: Headers | Record<string, string | string[] | undefined> | undefined, trustedHops: number = env.TRUST_PROXY): string | null {
  if (!headers) return null;
  const raw = headers instanceof Headers ? headers.get('x-forwarded-for') : headers['x-forwarded-for'];
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  // No header at all: not a request Next served from a socket (a test, a script).
  if (value === undefined || value === null) return null;
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
  const entry = trustedHops === 0 ? (entries.length === 1 ? entries[0] : undefined) : entries.length >= trustedHops ? entries[entries.length - trustedHops] : undefined;
  return entry && ADDRESS.test(entry) ? entry.toLowerCase() : UNVERIFIED_ADDRESS;
}
