// The official sources are seeded disabled, and a re-seed keeps an admin's edits (enabled, schedule,
// urls — e.g. a local mirror) while the documented facts follow the registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../lib/db/imports';
import type { PrismaClient } from '../../lib/db/generated/client';
import { freshImportDatabase, type FreshDb } from '../../lib/import/testing';
import { SOURCE_REGISTRY } from '../../lib/sources/registry';
import { seedSources } from './sources';

describe('seedSources', () => {
  let fresh: FreshDb;
  let db: PrismaClient;
  beforeAll(async () => {
    fresh = await freshImportDatabase('st_seed_src');
    db = connectDatabase(fresh.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await fresh?.drop();
  });

  it('creates every registry source disabled, and a re-seed keeps admin edits', async () => {
    expect(await seedSources(db)).toEqual({ dataset: 'sources', created: SOURCE_REGISTRY.length, updated: 0, unchanged: 0 });
    const rows = await db.listSource.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.id, r.enabled])).toEqual(SOURCE_REGISTRY.map((s) => [s.id, false]).sort());
    const ofac = rows.find((r) => r.id === 'ofac-sdn')!;
    expect(ofac).toMatchObject({ format: 'ofac-sdn-csv', editionDateFrom: 'last-modified', urls: ofac.officialUrls });

    // The admin enables it on a mirror with another schedule; a documented fact drifted meanwhile.
    await db.listSource.update({ where: { id: 'ofac-sdn' }, data: { enabled: true, schedule: '0 6 * * *', urls: ['http://mirror.internal/sdn.csv'], docsUrl: 'https://old.example/' } });
    expect(await seedSources(db)).toMatchObject({ created: 0, updated: 1 });
    expect(await db.listSource.findUniqueOrThrow({ where: { id: 'ofac-sdn' } })).toMatchObject({
      enabled: true, schedule: '0 6 * * *', urls: ['http://mirror.internal/sdn.csv'], docsUrl: SOURCE_REGISTRY[0]!.docsUrl,
    });
    expect(await seedSources(db)).toMatchObject({ created: 0, updated: 0, unchanged: SOURCE_REGISTRY.length });
  });
});
