// npm run sync [-- SOURCE…] [--dry-run]
// Syncs official list sources (list_source; README "Live data") into DATABASE_URL (or the embedded
// database): every enabled source when none is named; a named source runs even when disabled (the
// admin asked for it). One line per source on stdout; exit 1 when any failed or was refused.
import { parseArgs } from 'node:util';
import { resolveDatabase } from '../lib/db/embedded';
import { applyMigrations } from '../lib/db/migrations';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { 'dry-run': { type: 'boolean' } }, allowPositionals: true, strict: true });
  const dryRun = values['dry-run'] ?? false;
  const db = await resolveDatabase();
  process.env.DATABASE_URL = db.url;
  try {
    await applyMigrations(db.url);
    // Imported late: the client reads DATABASE_URL when first used.
    const { listSourceIds, syncSource } = await import('../lib/db/sources/sync');
    const { systemActor } = await import('../lib/db/audit');
    const all = await listSourceIds();
    const unknown = positionals.filter((id) => !all.some((s) => s.id === id));
    if (unknown.length) throw new Error(`unknown source(s) ${unknown.join(', ')}; the sources are ${all.map((s) => s.id).join(', ') || 'none (run npm run db:seed)'}`);
    const ids = positionals.length ? [...new Set(positionals)] : all.filter((s) => s.enabled).map((s) => s.id);
    if (!ids.length) {
      console.log(`no source is enabled: name one (npm run sync -- ${all[0]?.id ?? 'SOURCE'}) or enable it on the sources page`);
      return 0;
    }
    let failed = 0;
    for (const id of ids) {
      const o = await syncSource(id, { trigger: 'cli', runner: 'cli', dryRun, actor: systemActor('cli:sync') });
      if (o.status === 'FAILED' || o.status === 'REFUSED') failed++;
      const counts = o.created !== undefined ? ` (created ${o.created}, changed ${o.changed}, lifted ${o.lifted})` : '';
      const edition = o.editionDate ? ` edition ${o.editionDate}` : '';
      const why = o.error ? ` — ${o.error.replace(/\s+/g, ' ')}` : '';
      console.log(`${id}: ${o.status}${edition}${counts}${why}${dryRun && o.status === 'DRY_RUN' ? ' — dry run: nothing was written' : ''}`);
    }
    return failed ? 1 : 0;
  } finally {
    const { disconnectPrisma } = await import('../lib/db/client');
    await disconnectPrisma();
    await db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`sync failed: ${(err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim()}\n`);
    process.exit(1);
  },
);
