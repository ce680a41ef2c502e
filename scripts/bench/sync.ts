// npm run bench:sync [-- --no-write]
// Live data (issue 27) on PostgreSQL (TEST_DATABASE_URL's server, else 127.0.0.1:5432): a fresh
// database, a local publisher serving real OFAC editions, a local SMTP server and webhook receiver.
// Measures (1) a changed edition: from the start of the sync (conditional GET, download, checks,
// import with its change log and notifications) to the watcher's e-mail and webhook received;
// (2) a check that finds no change: its requests and time; (3) the fault corpus: partial applies and
// duplicate notifications (both must be 0). Writes its lines to BENCHMARKS.md between its markers.
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { createFreshDatabase } from '../../test/database';
import { startPublisher, type PublisherFault } from '../../test/publisher';
import { applyMigrations } from '../../lib/db/migrations';

const { values } = parseArgs({ options: { 'no-write': { type: 'boolean' } }, strict: true });
const EDITIONS = path.join(process.cwd(), 'data', 'ofac-sdn', 'editions');
const BASE = '2024-01-11';
const NEXT = '2024-05-03';
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const db = await createFreshDatabase('st_bench_sync');
  process.env.DATABASE_URL = db.url;
  await applyMigrations(db.url);
  const { prisma, disconnectPrisma } = await import('../../lib/db/client');
  const { syncSource } = await import('../../lib/db/sources/sync');
  const { deliverAlerts } = await import('../../lib/db/alerts/deliver');
  const { systemActor } = await import('../../lib/db/audit');
  const { getSourceDefinition } = await import('../../lib/sources/registry');
  const publisher = await startPublisher();
  const mails: number[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, _session, done) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        mails.push(performance.now());
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const hooks: number[] = [];
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hooks.push(performance.now());
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const deliver = () => deliverAlerts({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, publicUrl: 'http://127.0.0.1', allowHosts: ['127.0.0.1'], secret: 'bench-secret-with-at-least-32-characters!' });
  const opts = { trigger: 'cli' as const, runner: 'bench', actor: systemActor('bench:sync'), policy: { attempts: 2, backoffBaseMs: 10, backoffCapMs: 20, timeoutMs: 2_000 } };
  const lines: string[] = [];
  try {
    const ofac = getSourceDefinition('ofac-sdn')!;
    await prisma.listSource.create({
      data: { id: ofac.id, name: ofac.name, format: ofac.format, urls: [publisher.url('/SDN.CSV')], officialUrls: [...ofac.urls], docsUrl: ofac.docsUrl, editionDateFrom: ofac.editionDateFrom, schedule: ofac.schedule },
    });
    publisher.publish('/SDN.CSV', readFileSync(path.join(EDITIONS, `sdn-${BASE}.csv`)), { lastModified: new Date(`${BASE}T20:00:00Z`) });
    const base = await syncSource('ofac-sdn', opts);
    if (base.status !== 'APPLIED') throw new Error(`the baseline edition was not applied: ${base.status} ${base.error ?? ''}`);

    // A watcher of every entry the next edition lifts or amends (as an analyst following a program would).
    const user = await prisma.user.create({ data: { email: 'bench-sync@example.org', role: 'ANALYST', passwordHash: 'x' } });
    await prisma.alertSettings.create({ data: { userId: user.id, email: 'immediate', webhookUrl: hookUrl, webhookSecret: 'bench-webhook-secret' } });
    await prisma.watch.create({ data: { userId: user.id, kind: 'country', value: 'ir', label: 'Iran' } });

    publisher.publish('/SDN.CSV', readFileSync(path.join(EDITIONS, `sdn-${NEXT}.csv`)), { lastModified: new Date(`${NEXT}T20:00:00Z`) });
    publisher.resetLog();
    const t0 = performance.now();
    const applied = await syncSource('ofac-sdn', opts);
    const tApplied = performance.now();
    if (applied.status !== 'APPLIED') throw new Error(`the next edition was not applied: ${applied.status} ${applied.error ?? ''}`);
    const delivered = await deliver();
    while (!mails.length || !hooks.length) await new Promise((r) => setTimeout(r, 20));
    const tDone = Math.max(mails[0]!, hooks[0]!);
    const [counts] = await prisma.$queryRaw<Array<{ changes: number; notifications: number }>>`
      SELECT (SELECT count(*)::int FROM list_change) AS changes, (SELECT count(*)::int FROM notification) AS notifications`;
    lines.push(
      `changed edition (${BASE} → ${NEXT}: ${applied.created} created, ${applied.changed} changed, ${applied.lifted} lifted; ${counts!.changes} changes recorded, ${counts!.notifications} notifications for a watcher of Iran): ` +
        `sync ${s(tApplied - t0)}, e-mail and webhook received ${s(tDone - t0)} after the sync started (target: 30 s); ` +
        `${delivered.emails} e-mail, ${delivered.webhooks.delivered} webhook call`,
    );

    // No change: one conditional request per file.
    publisher.resetLog();
    const t1 = performance.now();
    const same = await syncSource('ofac-sdn', opts);
    lines.push(`no change: ${same.status}, ${publisher.count()} request(s) for a source of 1 file, ${(performance.now() - t1).toFixed(0)} ms`);

    // The fault corpus, against the next real edition: nothing may be applied, nobody notified again.
    publisher.publish('/SDN.CSV', readFileSync(path.join(EDITIONS, 'sdn-2024-05-03.csv')), { lastModified: new Date('2024-05-04T20:00:00Z'), etag: '"refetch"' });
    const faults: PublisherFault[] = ['timeout', '503', 'redirect-html', 'truncated', 'wrong-type', 'empty'];
    const snapshot = async () => JSON.stringify(await prisma.$queryRaw`SELECT (SELECT count(*)::int FROM designation) d, (SELECT count(*)::int FROM list_change) c, (SELECT count(*)::int FROM notification) n, (SELECT count(*)::int FROM list_edition) e`);
    let partial = 0;
    for (const f of faults) {
      const before = await snapshot();
      publisher.fault('/SDN.CSV', f);
      const out = await syncSource('ofac-sdn', opts);
      publisher.clearFaults();
      await deliver();
      if (out.status === 'APPLIED' || (await snapshot()) !== before) partial++;
    }
    const again = await syncSource('ofac-sdn', { ...opts });
    await deliver();
    const [dups] = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM (SELECT user_id, change_id FROM notification GROUP BY 1, 2 HAVING count(*) > 1) d`;
    lines.push(`fault corpus (${faults.join(', ')}; then the same bytes under a new ETag → ${again.status}): ${partial} partial applies, ${dups!.n} duplicate notifications, ${mails.length} e-mail(s) and ${hooks.length} webhook call(s) in all`);
  } finally {
    await publisher.close();
    smtp.close();
    receiver.close();
    await disconnectPrisma();
    await db.drop();
  }

  const section = [
    '<!-- bench:sync:start -->',
    `- ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}:`,
    ...lines.map((l) => `  - ${l}`),
    '<!-- bench:sync:end -->',
  ].join('\n');
  console.log(section);
  if (!values['no-write']) {
    const bench = readFileSync('BENCHMARKS.md', 'utf8');
    const re = /<!-- bench:sync:start -->[\s\S]*?<!-- bench:sync:end -->/;
    const heading = '## Live data (issue 27): a changed edition applied and notified, no-change checks, the fault corpus';
    const intro =
      'Measured by `npm run bench:sync` (scripts/bench/sync.ts): a fresh PostgreSQL database on this machine, a local HTTP server serving two real OFAC SDN.CSV editions with ETag and Last-Modified (test/publisher.ts), a local SMTP server and webhook receiver. The sync is `syncSource` (lease, conditional GET, checks, SHA-256, import with its change log and notifications); delivery is `deliverAlerts`, called right after, as the scheduler and "Check now" do.';
    writeFileSync('BENCHMARKS.md', re.test(bench) ? bench.replace(re, section) : `${bench.trimEnd()}\n\n${heading}\n${intro}\n${section}\n`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
