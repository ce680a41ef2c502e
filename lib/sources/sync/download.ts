// Downloads one file of a source: a conditional GET (ETag / Last-Modified validators), streamed to a
// temporary file with a size cap and a SHA-256, then the sanity checks (lib/sources/sync/sanity.ts).
// Faults are DownloadFaults that say whether another attempt could help; retries with backoff by
// p-retry (downloadWithRetries). Requests go through undici's EnvHttpProxyAgent, so HTTPS_PROXY /
// HTTP_PROXY / NO_PROXY are honoured (Node's own fetch ignores them).
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pRetry from 'p-retry';
import { EnvHttpProxyAgent, interceptors, request, type Dispatcher } from 'undici';
import { env } from '../../env';
import { contentTypeProblem, fileProblem, type FileKind } from './sanity';

export type Validators = { etag?: string | null; lastModified?: string | null };

/**
 * Attempts and timeouts of a download. Backoff between attempts of one file: min(base × 2^(n−1), cap),
 * no jitter — with the defaults (SYNC_ATTEMPTS=4, base 5 s, cap 60 s) a file is tried at most 4 times,
 * waiting 5, 10 and 20 s between tries, each try bounded by SYNC_TIMEOUT_SECONDS (120 s).
 */
export type DownloadPolicy = { timeoutMs: number; maxBytes: number; attempts: number; backoffBaseMs: number; backoffCapMs: number };
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_CAP_MS = 60_000;
export const MAX_REDIRECTS = 5;
const USER_AGENT = 'SanctionsTracker-sync/1 (scheduled download of an official sanctions list)';

export function defaultDownloadPolicy(): DownloadPolicy {
  return { timeoutMs: env.SYNC_TIMEOUT_SECONDS * 1000, maxBytes: env.SYNC_MAX_MB * 1024 * 1024, attempts: env.SYNC_ATTEMPTS, backoffBaseMs: BACKOFF_BASE_MS, backoffCapMs: BACKOFF_CAP_MS };
}

/**
 * The dispatcher every sync request uses: the environment's proxy settings, read when it is made
 * (so a changed HTTPS_PROXY applies to the next sync), and redirects followed.
 */
export function proxyDispatcher(): Dispatcher {
  return new EnvHttpProxyAgent().compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTS }));
}

/** A download that failed; `retryable` when another attempt could succeed (network, 5xx, truncation). */
export class DownloadFault extends Error {
  attempts = 1;
  constructor(
    readonly url: string,
    message: string,
    readonly retryable: boolean,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
    this.name = 'DownloadFault';
  }
}

export type FetchedFile = { kind: 'fetched'; url: string; file: string; httpStatus: number; bytes: number; sha256: string; etag: string | null; lastModified: string | null };
export type NotModified = { kind: 'not-modified'; url: string; httpStatus: 304; etag: string | null; lastModified: string | null };
export type DownloadResult = (FetchedFile | NotModified) & { attempts: number };

export type DownloadOptions = { kind: FileKind; validators?: Validators | null; policy: DownloadPolicy; dispatcher: Dispatcher };

const header = (h: Record<string, string | string[] | undefined>, name: string): string | null => {
  const v = h[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
};

/** Where a URL's file is shown (query strings hold tokens). */
export const urlLabel = (url: string) => {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
};

/** One attempt. Throws a DownloadFault. */
export async function downloadOnce(url: string, dest: string, opts: DownloadOptions): Promise<FetchedFile | NotModified> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, 'accept-encoding': 'identity' };
  if (opts.validators?.etag) headers['if-none-match'] = opts.validators.etag;
  if (opts.validators?.lastModified) headers['if-modified-since'] = opts.validators.lastModified;
  const seconds = `${(opts.policy.timeoutMs / 1000).toFixed(opts.policy.timeoutMs < 1000 ? 1 : 0)} s`;
  const signal = AbortSignal.timeout(opts.policy.timeoutMs);
  let res: Dispatcher.ResponseData;
  try {
    res = await request(url, { method: 'GET', headers, dispatcher: opts.dispatcher, signal, headersTimeout: opts.policy.timeoutMs, bodyTimeout: opts.policy.timeoutMs });
  } catch (err) {
    throw networkFault(url, err, signal.aborted ? `no answer within ${seconds}` : null);
  }
  const status = res.statusCode;
  const etag = header(res.headers, 'etag');
  const lastModified = header(res.headers, 'last-modified');
  if (status === 304) {
    await res.body.dump();
    return { kind: 'not-modified', url, httpStatus: 304, etag: etag ?? opts.validators?.etag ?? null, lastModified: lastModified ?? opts.validators?.lastModified ?? null };
  }
  if (status !== 200) {
    await res.body.dump().catch(() => undefined);
    // NOTE: 5xx, 408 and 429 pass; other statuses (404, 403 …) will not change by trying again now.
    const retryable = status >= 500 || status === 408 || status === 429;
    throw new DownloadFault(url, `HTTP ${status} from ${urlLabel(url)}`, retryable, status);
  }
  const typeProblem = contentTypeProblem(opts.kind, header(res.headers, 'content-type'));
  if (typeProblem) {
    await res.body.dump().catch(() => undefined);
    // Retried too (issue 27): a publisher's front end that answers with an error or sign-in page
    // (a redirect to HTML with status 200), or the wrong type, is often a passing fault.
    throw new DownloadFault(url, `${urlLabel(url)}: ${typeProblem}`, true, status);
  }
  const declared = header(res.headers, 'content-length');
  const expected = declared !== null && /^\d+$/.test(declared) ? Number(declared) : null;
  if (expected !== null && expected > opts.policy.maxBytes) {
    res.body.destroy();
    throw new DownloadFault(url, `${urlLabel(url)}: ${expected} bytes is more than the limit of ${opts.policy.maxBytes} (SYNC_MAX_MB)`, false, status);
  }
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > opts.policy.maxBytes) return done(new DownloadFault(url, `${urlLabel(url)}: more than the limit of ${opts.policy.maxBytes} bytes (SYNC_MAX_MB)`, false, status));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(res.body, meter, createWriteStream(dest));
  } catch (err) {
    if (err instanceof DownloadFault) throw err;
    const cut = `the body was cut after ${bytes}${expected !== null ? ` of ${expected}` : ''} bytes (truncated)`;
    throw networkFault(url, err, signal.aborted ? `no complete answer within ${seconds}: ${cut}` : cut);
  }
  if (expected !== null && bytes !== expected) {
    throw new DownloadFault(url, `${urlLabel(url)}: received ${bytes} bytes, Content-Length said ${expected} (truncated body)`, true, status);
  }
  const problem = await fileProblem(opts.kind, dest);
  // An empty file or a cut XML body (without a Content-Length) is retried too: another attempt may
  // find the publisher's export complete.
  if (problem) throw new DownloadFault(url, `${urlLabel(url)}: ${problem}`, true, status);
  return { kind: 'fetched', url, file: dest, httpStatus: status, bytes, sha256: hash.digest('hex'), etag, lastModified };
}

function networkFault(url: string, err: unknown, what: string | null): DownloadFault {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  const detail = what ?? `${code ? `${code}: ` : ''}${e.message ?? String(err)}`;
  // Redirect loops and bad URLs will not mend themselves; everything else on the wire may.
  const retryable = !(code === 'UND_ERR_MAX_REDIRECTIONS' || code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_URL');
  return new DownloadFault(url, `${urlLabel(url)}: ${detail}`, retryable);
}

/**
 * downloadOnce with retries (p-retry): a retryable fault is tried again after the backoff, up to
 * policy.attempts in all; any other fault fails at once. The result (or the thrown fault) says how
 * many attempts were made.
 */
export async function downloadWithRetries(url: string, dest: string, opts: DownloadOptions): Promise<DownloadResult> {
  let attempts = 0;
  try {
    const result = await pRetry(
      async () => {
        attempts++;
        return downloadOnce(url, dest, opts);
      },
      {
        retries: Math.max(0, opts.policy.attempts - 1),
        factor: 2,
        minTimeout: opts.policy.backoffBaseMs,
        maxTimeout: opts.policy.backoffCapMs,
        randomize: false,
        shouldRetry: ({ error }) => error instanceof DownloadFault && error.retryable,
      },
    );
    return { ...result, attempts };
  } catch (err) {
    const fault = err instanceof DownloadFault ? err : new DownloadFault(url, `${urlLabel(url)}: ${err instanceof Error ? err.message : String(err)}`, false);
    fault.attempts = attempts;
    throw fault;
  }
}
