// What matches does not depend on how the server was configured: the search sets pg_trgm's
// thresholds for its statement (lib/db/search.ts). A database of its own whose defaults would make
// `%` and `<%` much stricter; the data layer points at it for this file only.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase } from '../../test/database';
import { applyMigrations } from './migrations';
import { pgConfigFromUrl } from './url';
import { env } from '../env';
import { disconnectPrisma, prisma } from './client';
import { searchEntities } from './search';
import { entityListQuerySchema } from '../validation/entities';
import { testViewer } from '../../test/actions';

let db: { url: string; drop: () => Promise<void> };
const sharedUrl = env.DATABASE_URL;

beforeAll(async () => {
  db = await createFreshDatabase('st_search_settings');
  await applyMigrations(db.url);
  const client = new pg.Client(pgConfigFromUrl(db.url));
  await client.connect();
  try {
    const name = new URL(db.url).pathname.slice(1);
    await client.query(`ALTER DATABASE "${name}" SET pg_trgm.similarity_threshold = 0.9`);
    await client.query(`ALTER DATABASE "${name}" SET pg_trgm.word_similarity_threshold = 0.9`);
  } finally {
    await client.end();
  }
  await disconnectPrisma();
  env.DATABASE_URL = db.url;
}, 120_000);

afterAll(async () => {
  await disconnectPrisma();
  env.DATABASE_URL = sharedUrl;
  await db?.drop();
});

const idsFor = async (q: string) => (await searchEntities(await testViewer(), entityListQuerySchema.parse({ q }))).items.map((i) => i.id);

describe('search under other pg_trgm defaults', () => {
  it('finds misspellings with its own thresholds, where the server defaults (0.9) would not', async () => {
    // The server's defaults are in force outside the search's statement.
    const [set] = await prisma.$queryRaw<Array<{ sim: string; word: string }>>`
      SELECT current_setting('pg_trgm.similarity_threshold') AS sim, current_setting('pg_trgm.word_similarity_threshold') AS word`;
    expect(set).toEqual({ sim: '0.9', word: '0.9' });

    const a = await prisma.entity.create({ data: { schema: 'Company', name: 'Quxvorblat Trading' } });
    const b = await prisma.entity.create({ data: { schema: 'Company', name: 'Vextrago Nimbulor' } });
    // Two words, one misspelled beyond its transliteration pattern: "tradimg" is like "trading"
    // (similarity 0.45 ≥ 0.3, below 0.9).
    expect(await idsFor('quxvorblat tradimg')).toEqual([a.id]);
    // One word run together and misspelled: word similarity 0.63 ≥ 0.6, below 0.9.
    expect(await idsFor('vextragonimbulr')).toEqual([b.id]);
  });
});
