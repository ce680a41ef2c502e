import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testViewer } from '../../test/actions';
import { prisma } from './client';
import { BIG_SET, searchEntities, type FacetCount } from './search';
import { MAX_SET_WORDS, wordSetCacheStats } from './word-set-cache';
import { env } from '../env';
import { AppError, toErrorResponse } from '../errors';
import { searchDefinition } from '../../test/search';
import { entityListQuerySchema } from '../validation/entities';

const search = async (params: Record<string, string | string[]>) => searchEntities(await testViewer(), entityListQuerySchema.parse(params));

describe('entity search over the seeded OFAC history', () => {
  it('finds SHAHED AVIATION INDUSTRIES for the misspelling "Shahid Aviation", first', async () => {
    const r = await search({ q: 'Shahid Aviation' });
    expect(r.items[0]?.name).toBe('SHAHED AVIATION INDUSTRIES RESEARCH CENTER');
    expect(r.total).toBeGreaterThanOrEqual(1);
  });

  it('finds QODS AVIATION INDUSTRIES for "Quds Aviation", in any case, first', async () => {
    for (const q of ['Quds Aviation', 'QUDS AVIATION', 'quds aviation']) {
      const r = await search({ q });
      // NOTE: the seeded UK list holds QAI too (INU0253 "QODS AERONAUTICS INDUSTRIES (QAI)", alias QODS
      // AVIATION INDUSTRIES): an entity of its own until cross-list resolution joins them, and as good
      // a match; the two share the top.
      expect(r.items.slice(0, 2).map((i) => i.name)).toContain('QODS AVIATION INDUSTRIES');
    }
  });

  it('a one-word vowel variant finds both spellings, exact spellings ranked higher', async () => {
    const r = await search({ q: 'quds', pageSize: '50' });
    const names = r.items.map((i) => i.name);
    expect(names).toContain('QODS AVIATION INDUSTRIES');
    expect(names).toContain('AL-QUDS INTERNATIONAL FOUNDATION');
    expect(names.indexOf('AL-QUDS INTERNATIONAL FOUNDATION')).toBeLessThan(names.indexOf('QODS AVIATION INDUSTRIES'));
  });

  it('does not match unrelated names', async () => {
    const r = await search({ q: 'Zyxwvut Qwerty' });
    expect(r.total).toBe(0);
    expect(r.items).toEqual([]);
  });

  it('pages through results server-side with a stable total', async () => {
    const p1 = await search({ q: 'shahid', pageSize: '10' });
    const p2 = await search({ q: 'shahid', pageSize: '10', page: '2' });
    expect(p1.total).toBe(p2.total);
    expect(p1.total).toBeGreaterThan(10);
    expect(p1.items).toHaveLength(10);
    expect(p2.items.map((i) => i.id)).not.toContain(p1.items[0]!.id);
  });

  it('counts each matching entity once per facet value, and summarises the page\'s designations, as the rows say', async () => {
    const r = await search({ q: 'shahid', pageSize: '200' });
    expect(r.total).toBe(r.items.length); // the whole match set is on the page
    const ids = r.items.map((i) => i.id);
    const byAuthority = await prisma.$queryRaw<Array<{ value: string; count: number }>>`
      SELECT authority_id AS value, count(DISTINCT entity_id)::int AS count FROM designation
      WHERE deleted_at IS NULL AND entity_id = ANY(${ids}::text[]) GROUP BY 1 ORDER BY 2 DESC, 1`;
    expect(r.facets.authority).toEqual(byAuthority);
    const schemas = new Map<string, number>();
    for (const i of r.items) schemas.set(i.schema, (schemas.get(i.schema) ?? 0) + 1);
    expect(r.facets.schema.map((f) => [f.value, f.count]).sort()).toEqual([...schemas].sort());
    const perEntity = await prisma.$queryRaw<Array<{ id: string; n: number; first: Date | null }>>`
      SELECT entity_id AS id, count(*)::int AS n, min(listing_date) AS first FROM designation
      WHERE deleted_at IS NULL AND entity_id = ANY(${ids}::text[]) GROUP BY 1`;
    const rows = new Map(perEntity.map((p) => [p.id, p]));
    for (const i of r.items) {
      expect(i.designations).toBe(rows.get(i.id)?.n ?? 0);
      expect(i.firstListed).toBe(rows.get(i.id)?.first?.toISOString().slice(0, 10) ?? null);
    }
  });

  it('sorts by first listing date', async () => {
    const r = await search({ q: 'alabuga', sort: 'listed', pageSize: '50' });
    const dates = r.items.map((i) => i.firstListed ?? '9999');
    expect(dates).toEqual([...dates].sort());
    const desc = await search({ q: 'alabuga', sort: '-listed', pageSize: '50' });
    expect(desc.items[0]!.firstListed! >= desc.items.at(-1)!.firstListed!).toBe(true);
  });
});

describe('the entity list without a name query', () => {
  it('filters, counts facets and sorts by first listing as the designation rows say', async () => {
    const r = await search({ authority: 'EU', sort: '-listed', pageSize: '50' });
    const [want] = await prisma.$queryRaw<Array<{ total: number; latest: Date | null }>>`
      SELECT count(*)::int AS total, max(f.first) AS latest FROM entity e
      CROSS JOIN LATERAL (SELECT min(d.listing_date) AS first FROM designation d WHERE d.entity_id = e.id AND d.deleted_at IS NULL) f
      WHERE e.deleted_at IS NULL AND e.merged_into_id IS NULL
        AND EXISTS (SELECT 1 FROM designation d WHERE d.entity_id = e.id AND d.deleted_at IS NULL AND d.authority_id = 'EU')`;
    expect(want!.total).toBeGreaterThan(0);
    expect(r.total).toBe(want!.total);
    expect(r.items[0]!.firstListed).toBe(want!.latest!.toISOString().slice(0, 10));
    const dates = r.items.map((i) => i.firstListed ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    // The authority facet ignores its own filter: live entities per authority of their live designations.
    const byAuthority = await prisma.$queryRaw<FacetCount[]>`
      SELECT d.authority_id AS value, count(DISTINCT e.id)::int AS count FROM entity e JOIN designation d ON d.entity_id = e.id AND d.deleted_at IS NULL
      WHERE e.deleted_at IS NULL AND e.merged_into_id IS NULL GROUP BY 1 ORDER BY 2 DESC, 1`;
    expect(r.facets.authority).toEqual(byAuthority);
  });
});

describe('relevance', () => {
  // The definition (test/search.ts): one expression per name over every name, compared on every match.
  async function expected(text: string) {
    const { sql, values } = searchDefinition(text);
    return prisma.$queryRawUnsafe<Array<{ id: string; score: number; matchedAlias: string | null }>>(sql, ...values);
  }

  // "oro bao" has words too short for a skeleton: its pattern (the words as written, in order)
  // scores 0.8 for this name, which only word similarity finds (7 of its 8 trigrams; not a substring).
  // "Zyqor Aeronavigation" shares one long word with "Qods Aeronavigation": enough for the whole
  // query's word similarity (0.6), not a trace of "qods". "Xylo Pegasus 7" is one entity's name and
  // another's alias. LONG + "te" is a transliteration of LONG + "ta" (a vowel changed) so alike by
  // trigrams (word similarity 0.95: ~80 distinct trigrams, two differ) that word similarity scores it
  // above the pattern's 0.8 — the one case where a one-word query's trigram test must score a
  // transliteration match too.
  const LONG = 'bdlmnrst'.split('').flatMap((c) => 'aeiou'.split('').map((v) => c + v)).join('');
  const fixtures: Record<string, string> = {};
  beforeAll(async () => {
    for (const name of ['Orox Bao Trading', 'Qods Aeronavigatoin Plant', 'Zyqor Aeronavigation', 'Xylo Pegasus 7', `${LONG}te Works`]) {
      fixtures[name] = (await prisma.entity.create({ data: { schema: 'Company', name } })).id;
    }
    fixtures.aardvark = (await prisma.entity.create({ data: { schema: 'Vessel', name: 'Aardvark Holding', aliases: { create: [{ name: 'Xylo Pegasus 7' }] } } })).id;
  });
  afterAll(async () => {
    await prisma.entity.deleteMany({ where: { id: { in: Object.values(fixtures) } } });
  });

  // A vowel variant (skeleton), a misspelled pair of words, a prefix, short words, an exact name,
  // a pair of words of which one alone would reach the similarity threshold.
  it.each(['quds', 'Shahid Aviation', 'alabug', 'oro bao', 'iran air', 'MAHAN AIR', 'Qods Aeronavigation', `${LONG}ta`])('scores every match of %j as the one-expression definition does', async (text) => {
    const want = await expected(text);
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThanOrEqual(200); // the whole match set fits on one page
    const r = await search({ q: text, pageSize: '200' });
    expect(r.total).toBe(want.length);
    const got = r.items.map(({ id, score, matchedAlias }) => ({ id, score, matchedAlias })).sort((a, b) => (a.id < b.id ? -1 : 1));
    const byId = want.map((w) => ({ ...w, score: Number(w.score) })).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(got.map((g) => g.id)).toEqual(byId.map((w) => w.id));
    for (const [i, g] of got.entries()) {
      expect(g.matchedAlias).toBe(byId[i]!.matchedAlias);
      expect(g.score).toBeCloseTo(byId[i]!.score, 6);
    }
  });

  it('answers a short word that thousands of vocabulary words contain as the definition does', async () => {
    // Above BIG_SET words the one-word branch finds names by the substring test alone (nameBranches).
    const [vocab] = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(DISTINCT word)::int AS n FROM name_word WHERE word LIKE '%an%'`;
    expect(vocab!.n).toBeGreaterThan(BIG_SET);
    const want = new Map((await expected('an')).map((w) => [w.id, { score: Number(w.score), matchedAlias: w.matchedAlias }]));
    const r = await search({ q: 'an', pageSize: '200' });
    expect(r.total).toBe(want.size);
    expect(r.items).toHaveLength(200);
    for (const i of r.items) {
      expect(want.get(i.id)?.score, i.name).toBeCloseTo(i.score, 6);
      expect(want.get(i.id)?.matchedAlias, i.name).toBe(i.matchedAlias);
    }
    // The page is the best-scored: no match left off it scores higher than its last.
    const onPage = new Set(r.items.map((i) => i.id));
    const best = Math.max(...[...want].filter(([id]) => !onPage.has(id)).map(([, w]) => w.score));
    expect(best).toBeLessThanOrEqual(r.items.at(-1)!.score + 1e-9);
  });

  it('needs a trace of every word of a query: one long word in common is no match, a misspelling is', async () => {
    // By the whole query's word similarity alone, both names would match.
    const [sim] = await prisma.$queryRaw<Array<{ other: boolean; own: boolean }>>`
      SELECT 'qods aeronavigation' <% 'zyqor aeronavigation' AS other, 'qods aeronavigation' <% 'qods aeronavigatoin plant' AS own`;
    expect(sim).toEqual({ other: true, own: true });
    const ids = (await search({ q: 'Qods Aeronavigation', pageSize: '200' })).items.map((i) => i.id);
    expect(ids).toContain(fixtures['Qods Aeronavigatoin Plant']);
    expect(ids).not.toContain(fixtures['Zyqor Aeronavigation']);
  });

  it("ranks an entity's own name before the same name as another entity's alias", async () => {
    const r = await search({ q: 'xylo pegasus 7' });
    expect(r.items.slice(0, 2).map((i) => [i.id, i.score, i.matchedAlias])).toEqual([
      [fixtures['Xylo Pegasus 7'], 1, null],
      [fixtures.aardvark, 1, 'Xylo Pegasus 7'],
    ]);
  });
});

describe('search by words: the vocabulary follows every write', () => {
  const ids: string[] = [];
  afterAll(async () => {
    await prisma.entity.deleteMany({ where: { id: { in: ids } } });
  });
  const idsFor = async (q: string) => (await search({ q, pageSize: '200' })).items.map((i) => i.id);

  it('finds names and aliases by words first seen in an insert or a rename, and no longer by the old name', async () => {
    const e = await prisma.entity.create({ data: { schema: 'Company', name: 'Quxvorblat Trading', aliases: { create: [{ name: 'Plorvantic Holding' }] } } });
    ids.push(e.id);
    expect(await idsFor('quxvorblat')).toEqual([e.id]);
    expect(await idsFor('Plorvantik')).toEqual([e.id]); // the alias, by its transliteration pattern
    expect(await idsFor('quxvorblat tradng')).toEqual([e.id]); // two words, one misspelled

    await prisma.entity.update({ where: { id: e.id }, data: { name: 'Zintrevox Trading' } });
    await prisma.entityAlias.updateMany({ where: { entityId: e.id }, data: { name: 'Drumelvik Holding' } });
    expect(await idsFor('zintrevox trading')).toEqual([e.id]);
    expect(await idsFor('drumelvik holding')).toEqual([e.id]);
    expect(await idsFor('quxvorblat')).toEqual([]);
    expect(await idsFor('plorvantic')).toEqual([]);
    const [vocab] = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(DISTINCT word)::int AS n FROM name_word WHERE word IN ('quxvorblat', 'plorvantic', 'zintrevox', 'drumelvik')`;
    expect(vocab?.n).toBe(4); // old words stay: an empty lookup, never a missed name
  });

  it('matches a one-word query against two words of a name it runs together', async () => {
    const e = await prisma.entity.create({ data: { schema: 'Company', name: 'Vextrago Nimbulor' } });
    ids.push(e.id);
    // Neither word alone is similar enough (8 of the query's 17 trigrams each); the name is (15).
    const [sim] = await prisma.$queryRaw<Array<{ word: number; name: number }>>`
      SELECT word_similarity('vextragonimbulor', 'vextrago')::float8 AS word, word_similarity('vextragonimbulor', 'vextrago nimbulor')::float8 AS name`;
    expect(sim!.word).toBeLessThan(0.6);
    expect(sim!.name).toBeGreaterThanOrEqual(0.6);
    expect(await idsFor('vextragonimbulor')).toEqual([e.id]);
  });

  it("splits the query as the database folds names (ø, ł), and a query of punctuation alone matches nothing", async () => {
    const e = await prisma.entity.create({ data: { schema: 'Vessel', name: 'ORNVIK LODZ STAR' } });
    ids.push(e.id);
    const r = await search({ q: 'Ørnvik Łódź' });
    expect(r.items.map((i) => [i.id, i.score])).toEqual([[e.id, 0.95]]);
    expect(await search({ q: '?!' })).toEqual({ items: [], total: 0, facets: { schema: [], country: [], authority: [] } });
  });
});

describe('cached word sets (word-set-cache.ts)', () => {
  const ids: string[] = [];
  afterAll(async () => {
    await prisma.entity.deleteMany({ where: { id: { in: ids } } });
  });
  const delta = (before: ReturnType<typeof wordSetCacheStats>) => {
    const now = wordSetCacheStats();
    return { reused: now.reused - before.reused, stale: now.stale - before.stale, missed: now.missed - before.missed };
  };

  it('reuses the sets of an earlier search while no word is added, with the same answer', async () => {
    const first = await search({ q: 'Shahid Aviation', pageSize: '200' });
    expect(first.total).toBeGreaterThan(0);
    const before = wordSetCacheStats();
    expect(await search({ q: 'Shahid Aviation', pageSize: '200' })).toEqual(first);
    // Two words, three tests each (substring, transliteration, trigram trace): six sets.
    expect(delta(before)).toEqual({ reused: 6, stale: 0, missed: 0 });
  });

  it('does not cache a set of more than MAX_SET_WORDS words (a one-letter query\'s), and answers the same', async () => {
    const [vocab] = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(DISTINCT word)::int AS n FROM name_word WHERE word LIKE '%a%'`;
    expect(vocab!.n).toBeGreaterThan(MAX_SET_WORDS);
    const first = await search({ q: 'a', pageSize: '5' });
    const before = wordSetCacheStats();
    expect(await search({ q: 'a', pageSize: '5' })).toEqual(first);
    // One word of one letter: a substring set only (no skeleton of three letters, no trace).
    expect(delta(before)).toEqual({ reused: 0, stale: 0, missed: 1 });
    expect(wordSetCacheStats().words).toBe(before.words);
  });

  it('computes a set again once a word it could not see is committed, even by a transaction older than a later commit', async () => {
    // The writer of "Vornaxil" starts first and commits last; "Quelbrant" is added and committed in
    // between, so the newest word the search sees is younger than the one it cannot see yet. A set
    // marked by the newest word it saw (or by the highest id) would stay cached without "vornaxil".
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    const writer = prisma.$transaction(
      async (tx) => {
        const e = await tx.entity.create({ data: { schema: 'Company', name: 'Vornaxil Trading' } });
        inserted();
        await gate;
        return e.id;
      },
      { timeout: 30_000 },
    );
    await insertedYet;
    ids.push((await prisma.entity.create({ data: { schema: 'Company', name: 'Quelbrant Holding' } })).id);

    expect((await search({ q: 'vornaxil' })).total).toBe(0); // not committed yet: nothing, and the sets are cached
    release();
    const id = await writer;
    ids.push(id);
    const before = wordSetCacheStats();
    expect((await search({ q: 'vornaxil' })).items.map((i) => i.id)).toEqual([id]);
    // One word: its substring and transliteration sets, both cached and no longer current.
    expect(delta(before)).toEqual({ reused: 0, stale: 2, missed: 0 });
    // Computed again, they are current once more.
    const again = wordSetCacheStats();
    expect((await search({ q: 'vornaxil' })).items.map((i) => i.id)).toEqual([id]);
    expect(delta(again)).toEqual({ reused: 2, stale: 0, missed: 0 });
  });
});

describe('a search too broad to answer in time', () => {
  it('is cancelled after SEARCH_TIMEOUT_MS and told as a 422 a person can act on; the next search runs', async () => {
    const saved = env.SEARCH_TIMEOUT_MS;
    // "a" matches most names: its statement runs for far longer than 1 ms.
    env.SEARCH_TIMEOUT_MS = 1;
    let err: unknown = null;
    try {
      await search({ q: 'a' });
    } catch (e) {
      err = e;
    } finally {
      env.SEARCH_TIMEOUT_MS = saved;
    }
    expect(err).toBeInstanceOf(AppError);
    const { status, body } = toErrorResponse(err);
    expect(status).toBe(422);
    expect(body.error.message).toMatch(/too many names to answer within 0\.001 s\. Add letters or another word/);
    // The timeout was the transaction's own: the connection serves the next search as usual.
    expect((await search({ q: 'a', pageSize: '10' })).total).toBeGreaterThan(100);
  });
});

describe('entity search over aliases, with facets', () => {
  const ids: string[] = [];
  beforeAll(async () => {
    const a = await prisma.entity.create({
      data: { schema: 'Company', name: 'Fixture Zephyr Holding', countries: ['ir'], aliases: { create: [{ name: 'Zéphyrine Tradíng Co.' }] } },
    });
    const b = await prisma.entity.create({ data: { schema: 'Person', name: 'Zephyrine Tradingova', countries: ['ru'] } });
    ids.push(a.id, b.id);
    await prisma.designation.create({ data: { entityId: a.id, authorityId: 'EU', listingDate: new Date('2023-07-20T00:00:00Z'), listingDatePrecision: 'DAY', sourceUrl: 'https://example.org/fixture', origin: 'test-search', originKey: 'a-eu' } });
  });
  afterAll(async () => {
    await prisma.designation.deleteMany({ where: { origin: 'test-search' } });
    await prisma.entity.deleteMany({ where: { id: { in: ids } } });
  });

  it('matches an alias, accent- and case-insensitively, and says which alias matched', async () => {
    const r = await search({ q: 'zephyrine trading' });
    const hit = r.items.find((i) => i.id === ids[0]);
    expect(hit?.matchedAlias).toBe('Zéphyrine Tradíng Co.');
    expect(r.items.map((i) => i.id)).toEqual(expect.arrayContaining(ids));
  });

  it('counts facets over the matches; a facet ignores its own filter but not the others', async () => {
    const all = await search({ q: 'zephyrine trading' });
    expect(all.facets.schema).toEqual(expect.arrayContaining([{ value: 'Company', count: 1 }, { value: 'Person', count: 1 }]));
    expect(all.facets.country).toEqual(expect.arrayContaining([{ value: 'ir', count: 1 }, { value: 'ru', count: 1 }]));
    expect(all.facets.authority).toEqual([{ value: 'EU', count: 1 }]);

    const people = await search({ q: 'zephyrine trading', schema: 'Person' });
    expect(people.items.map((i) => i.id)).toEqual([ids[1]]);
    expect(people.total).toBe(1);
    expect(people.facets.schema).toEqual(all.facets.schema); // own filter ignored
    expect(people.facets.country).toEqual([{ value: 'ru', count: 1 }]);
    expect(people.facets.authority).toEqual([]);

    const eu = await search({ q: 'zephyrine trading', authority: 'EU', country: 'IR' });
    expect(eu.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(eu.items[0]).toMatchObject({ authorities: ['EU'], designations: 1, firstListed: '2023-07-20', firstListedOnOrBefore: false });
  });

  it('leaves out deleted and merged entities, whether their name or an alias matched', async () => {
    // Each branch of the search filters liveness itself (lib/db/search.ts): by name and by alias.
    const matching = async () => (await search({ q: 'zephyrine trading' })).items.map((i) => i.id);
    await prisma.entity.update({ where: { id: ids[0] }, data: { deletedAt: new Date() } });
    await prisma.entity.update({ where: { id: ids[1] }, data: { mergedIntoId: ids[0] } });
    try {
      const found = await matching();
      expect(found).not.toContain(ids[0]); // matched by its alias
      expect(found).not.toContain(ids[1]); // matched by its name
    } finally {
      await prisma.entity.update({ where: { id: ids[1] }, data: { mergedIntoId: null } });
      await prisma.entity.update({ where: { id: ids[0] }, data: { deletedAt: null } });
    }
    expect(await matching()).toEqual(expect.arrayContaining(ids));
  });

  it('keeps the designation summary the search reads on the entity row, through edits, lifts and deletes', async () => {
    const row = () => prisma.entity.findUniqueOrThrow({ where: { id: ids[0] }, select: { designationAuthorities: true, firstListed: true } });
    expect(await row()).toEqual({ designationAuthorities: ['EU'], firstListed: new Date('2023-07-20T00:00:00Z') });
    const d = await prisma.designation.create({ data: { entityId: ids[0]!, authorityId: 'US-OFAC', listingDate: new Date('2022-11-01T00:00:00Z'), listingDatePrecision: 'DAY', sourceUrl: 'https://example.org/fixture', origin: 'test-search', originKey: 'a-ofac' } });
    expect(await row()).toEqual({ designationAuthorities: ['EU', 'US-OFAC'], firstListed: new Date('2022-11-01T00:00:00Z') });
    await prisma.designation.update({ where: { id: d.id }, data: { deletedAt: new Date() } });
    expect(await row()).toEqual({ designationAuthorities: ['EU'], firstListed: new Date('2023-07-20T00:00:00Z') });
    await prisma.designation.update({ where: { id: d.id }, data: { deletedAt: null, entityId: ids[1] } });
    expect(await row()).toEqual({ designationAuthorities: ['EU'], firstListed: new Date('2023-07-20T00:00:00Z') });
    expect((await search({ q: 'zephyrine trading', authority: 'US-OFAC' })).items.map((i) => i.id)).toEqual([ids[1]]);
    await prisma.designation.delete({ where: { id: d.id } });
    expect((await search({ q: 'zephyrine trading', authority: 'US-OFAC' })).items).toEqual([]);
  });
});
