// Downloads honour HTTP_PROXY / HTTPS_PROXY / NO_PROXY (undici's EnvHttpProxyAgent, built from the
// environment at call time): through a real local proxy (the `proxy` package) and past it.
import http from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createProxy } from 'proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPublisher, type Publisher } from '../../../test/publisher';
import { downloadOnce, proxyDispatcher, type DownloadPolicy } from './download';

const POLICY: DownloadPolicy = { timeoutMs: 2000, maxBytes: 1 << 20, attempts: 1, backoffBaseMs: 10, backoffCapMs: 10 };
const PROXY_VARS = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'] as const;

describe('downloads through a proxy', () => {
  let pub: Publisher;
  let proxy: http.Server;
  let proxyUrl: string;
  let dir: string;
  const seen: string[] = [];
  const saved = Object.fromEntries(PROXY_VARS.map((k) => [k, process.env[k]]));

  beforeAll(async () => {
    pub = await startPublisher();
    pub.publish('/list.csv', '1,"A NAME",individual,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n', { lastModified: new Date('2024-05-03T20:00:00Z') });
    proxy = createProxy(http.createServer());
    // What the proxy was asked for: a tunnel (CONNECT host:port) or a proxied request (absolute URL).
    proxy.on('connect', (req: http.IncomingMessage) => seen.push(`CONNECT ${req.url}`));
    proxy.on('request', (req: http.IncomingMessage) => seen.push(`${req.method} ${req.url}`));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    dir = await mkdtemp(path.join(os.tmpdir(), 'st-proxy-'));
  });
  afterAll(async () => {
    for (const k of PROXY_VARS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await pub?.close();
    proxy?.closeAllConnections();
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const setEnv = (vars: Partial<Record<(typeof PROXY_VARS)[number], string>>) => {
    for (const k of PROXY_VARS) delete process.env[k];
    Object.assign(process.env, vars);
  };

  it('sends the request through HTTP_PROXY/HTTPS_PROXY, and past it for a NO_PROXY host', async () => {
    setEnv({ HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl });
    const via = await downloadOnce(pub.url('/list.csv'), path.join(dir, 'a.csv'), { kind: 'csv', policy: POLICY, dispatcher: proxyDispatcher() });
    expect(via.kind).toBe('fetched');
    expect(await readFile(path.join(dir, 'a.csv'), 'utf8')).toContain('A NAME');
    const host = new URL(pub.origin).host;
    expect(seen).toEqual([expect.stringContaining(host)]);
    expect(pub.count('/list.csv')).toBe(1);

    setEnv({ HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' });
    const direct = await downloadOnce(pub.url('/list.csv'), path.join(dir, 'b.csv'), { kind: 'csv', policy: POLICY, dispatcher: proxyDispatcher() });
    expect(direct.kind).toBe('fetched');
    expect(seen).toHaveLength(1);
    expect(pub.count('/list.csv')).toBe(2);
  });
});
