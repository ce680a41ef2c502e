// The client address for per-address sign-in throttling. Next sets X-Forwarded-For to the socket's
// address when no proxy did; a reverse proxy appends the address it saw. The rightmost entry is
// therefore the one added by the hop closest to us — a client can prepend, not replace it.
// NOTE: an app exposed directly (no proxy) keeps a client-sent header as is; SECURITY.md says so.
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined> | undefined): string | null {
  if (!headers) return null;
  const raw = headers instanceof Headers ? headers.get('x-forwarded-for') : headers['x-forwarded-for'];
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  const last = value?.split(',').map((s) => s.trim()).filter(Boolean).pop();
  if (!last) return null;
  // Only what looks like an IPv4/IPv6 address (with an optional port) becomes a key.
  return /^[0-9a-fA-F:.[\]]{2,64}$/.test(last) ? last.toLowerCase() : null;
}
