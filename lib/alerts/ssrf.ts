// The webhook SSRF guard (issue 27): a user-supplied URL must not make the server call itself, the
// cloud metadata service or the intranet. Only globally routable unicast addresses are accepted
// (ipaddr.js `range()` === 'unicast'): loopback, private, link-local, unique-local, CGNAT, multicast,
// reserved, documentation and the IPv6 transition ranges that embed an IPv4 address (6to4, Teredo,
// NAT64) are refused, unless the URL's host is listed in WEBHOOK_ALLOW_HOSTS.
import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

export type ResolvedTarget = { address: string; family: 4 | 6 };
export type Lookup = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

/** The URL is refused; `transient` when only the lookup failed (worth retrying at delivery). */
export class WebhookRefusedError extends Error {
  constructor(
    message: string,
    readonly transient = false,
  ) {
    super(message);
    this.name = 'WebhookRefusedError';
  }
}

/** True for a globally routable unicast address (IPv4-mapped IPv6 is judged as its IPv4). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === 'unicast';
}

/** WEBHOOK_ALLOW_HOSTS as a list: comma-separated host names or addresses, case-insensitive. */
export function parseAllowHosts(value: string): string[] {
  return value
    .split(',')
    .map((h) => h.trim().toLowerCase().replace(/^\[|\]$/g, ''))
    .filter(Boolean);
}

/** The URL's host as written, without IPv6 brackets, lower case. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
}

/** Checks the URL's form: http(s), no credentials in it (they would show in the delivery log). */
export function checkWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookRefusedError('Not a URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookRefusedError('Use an https:// (or http://) URL.');
  if (url.username || url.password) throw new WebhookRefusedError('Put no user name or password in the URL: the request is signed instead.');
  return url;
}

const defaultLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Resolves the webhook's host and returns the address to connect to (the caller pins it, so a DNS
 * answer that changes between this check and the connection cannot redirect the request). Every
 * address the name resolves to must be public: a name that resolves to one public and one private
 * address is refused. Allow-listed hosts skip the address check, not the resolution.
 */
export async function resolveWebhookTarget(raw: string, opts: { allowHosts: string[]; lookup?: Lookup }): Promise<ResolvedTarget> {
  const url = checkWebhookUrl(raw);
  const host = hostOf(url);
  const allowed = opts.allowHosts.includes(host);
  let addresses: Array<{ address: string; family: number }>;
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  else {
    try {
      addresses = await (opts.lookup ?? defaultLookup)(host);
    } catch {
      throw new WebhookRefusedError(`The host ${host} could not be resolved.`, true);
    }
  }
  if (!addresses.length) throw new WebhookRefusedError(`The host ${host} could not be resolved.`, true);
  if (!allowed) {
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    // NOTE: the address itself is not echoed: it would tell an analyst what internal names resolve to.
    if (bad) throw new WebhookRefusedError(`Refused: ${host} resolves to an address that is not a public address (loopback, private, link-local and similar addresses are refused unless the host is in WEBHOOK_ALLOW_HOSTS).`);
  }
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
