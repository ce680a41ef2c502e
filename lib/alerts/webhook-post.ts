// One webhook POST to an address already checked by the SSRF guard (ssrf.ts). The connection goes to
// that address (a pinned lookup: a second DNS answer cannot send the request elsewhere — DNS
// rebinding), with the URL's host name for the Host header and TLS (SNI, certificate). Redirects
// are not followed: a 3xx is the receiver's answer, logged as a failure.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedTarget } from './ssrf';

export type WebhookResponse = { status: number };

/** The receiver's answer is read up to this size, then dropped (only the status is kept). */
const MAX_RESPONSE_BYTES = 64 * 1024;

export function postWebhook(url: URL, target: ResolvedTarget, body: string, headers: Record<string, string>, timeoutMs: number): Promise<WebhookResponse> {
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        lookup: pinned,
        timeout: timeoutMs,
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'User-Agent': 'SanctionsTracker-Webhook/1', ...headers },
      },
      (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) res.destroy();
        });
        res.on('close', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}
