// A local HTTP server playing an official list publisher (issue 27 tests): it serves files with an
// ETag and Last-Modified, answers conditional requests with 304, logs every request, and can be told
// to serve each fault a real publisher has served: no answer, 503, a redirect to an HTML page with
// status 200, a truncated body, a wrong content type, an empty file.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type PublisherFault = 'timeout' | '503' | 'redirect-html' | 'truncated' | 'wrong-type' | 'empty';
export type LoggedRequest = { path: string; ifNoneMatch: string | null; ifModifiedSince: string | null; status: number | 'no answer' };
type Published = { body: Buffer; contentType: string; lastModified: Date; etag: string };

export type Publisher = {
  origin: string;
  url: (path: string) => string;
  /** Serves `body` at `path` from now on; the ETag defaults to a hash of the bytes. */
  publish: (path: string, body: Buffer | string, opts: { lastModified: Date; contentType?: string; etag?: string }) => void;
  /** A new ETag for the same bytes (a publisher that re-exports an unchanged list). */
  setEtag: (path: string, etag: string) => void;
  /** The next `times` requests of `path` get the fault (default: all of them until clearFaults). */
  fault: (path: string, fault: PublisherFault, times?: number) => void;
  clearFaults: () => void;
  requests: LoggedRequest[];
  count: (path?: string) => number;
  resetLog: () => void;
  close: () => Promise<void>;
};

const ERROR_PAGE = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><p>Your session has expired. Please sign in.</p></body></html>\n';

export async function startPublisher(): Promise<Publisher> {
  const files = new Map<string, Published>();
  const faults = new Map<string, { fault: PublisherFault; left: number }>();
  const requests: LoggedRequest[] = [];

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const entry: LoggedRequest = { path, ifNoneMatch: req.headers['if-none-match'] ?? null, ifModifiedSince: req.headers['if-modified-since'] ?? null, status: 'no answer' };
    requests.push(entry);
    const send = (status: number, headers: Record<string, string | number>, body?: Buffer | string) => {
      entry.status = status;
      res.writeHead(status, headers);
      res.end(body);
    };
    if (path === '/error.html') return send(200, { 'content-type': 'text/html; charset=utf-8' }, ERROR_PAGE);
    const file = files.get(path);
    const f = faults.get(path);
    if (f && f.left > 0) {
      f.left--;
      switch (f.fault) {
        case 'timeout':
          return; // no answer: the socket stays open until the client gives up or the server closes
        case '503':
          return send(503, { 'content-type': 'text/plain' }, 'Service Unavailable');
        case 'redirect-html':
          return send(302, { location: '/error.html' });
        case 'truncated': {
          const body = file?.body ?? Buffer.alloc(1000, 0x41);
          entry.status = 200;
          res.writeHead(200, { 'content-type': file?.contentType ?? 'text/csv', 'content-length': body.length, etag: file?.etag ?? '"t"' });
          // Half the bytes, then the connection drops.
          res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
          return;
        }
        case 'wrong-type':
          return send(200, { 'content-type': 'application/pdf', 'content-length': file?.body.length ?? 0 }, file?.body ?? '');
        case 'empty':
          return send(200, { 'content-type': file?.contentType ?? 'text/csv', 'content-length': 0, etag: '"empty"', 'last-modified': new Date().toUTCString() }, '');
      }
    }
    if (!file) return send(404, { 'content-type': 'text/plain' }, 'Not Found');
    const headers = { etag: file.etag, 'last-modified': file.lastModified.toUTCString() };
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const notModified = inm !== undefined
      ? inm.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === '*' || t === file.etag)
      : ims !== undefined && Math.floor(file.lastModified.getTime() / 1000) <= Math.floor(Date.parse(ims) / 1000);
    if (notModified) return send(304, headers);
    return send(200, { ...headers, 'content-type': file.contentType, 'content-length': file.body.length }, file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: (path) => `${origin}${path}`,
    publish: (path, body, opts) => {
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      files.set(path, {
        body: bytes,
        contentType: opts.contentType ?? (path.endsWith('.xml') ? 'application/xml' : 'text/csv'),
        lastModified: opts.lastModified,
        etag: opts.etag ?? `"${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`,
      });
    },
    setEtag: (path, etag) => {
      const f = files.get(path);
      if (!f) throw new Error(`nothing published at ${path}`);
      f.etag = etag;
    },
    fault: (path, fault, times = Infinity) => void faults.set(path, { fault, left: times }),
    clearFaults: () => faults.clear(),
    requests,
    count: (path) => requests.filter((r) => path === undefined || r.path === path).length,
    resetLog: () => void requests.splice(0),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
