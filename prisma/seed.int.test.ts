// The seeded numbers equal what the reference files say. Expectations are computed here straight
// from the CSVs (not through the seed's own planning code), so a seed bug cannot hide itself.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { prisma } from '../lib/db/client';
import { getDesignationCounts } from '../lib/db/metrics';
import { dashboardQuerySchema } from '../lib/validation/dashboard';
import { runSeed } from './seed';
import { testViewer } from '../test/actions';
import { isRenameRow } from '../test/program-renames';

const csv = (file: string) => parse(readFileSync(`data/${file}`), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;

describe('OFAC SDN history seed', () => {
  const entries = csv('ofac-sdn/sdn-first-seen.csv');
  const changes = csv('ofac-sdn/sdn-program-changes.csv');
  // A change whose every added program is the sourced RENAME of a removed one is not a designation
  // (data/programs/successions.csv; issue 23): the entry keeps its designation under the new code.
  const isRename = isRenameRow;
  const additions = changes.filter((c) => c.programs_added && !isRename(c));
  const renameRows = changes.filter((c) => c.programs_added && isRename(c));

  it('has one entity per ent_num and one designation per listing act', async () => {
    expect(entries).toHaveLength(15_892);
    expect(await prisma.externalId.count({ where: { source: 'ofac-sdn' } })).toBe(entries.length);
    expect(await prisma.designation.count({ where: { authorityId: 'US-OFAC' } })).toBe(entries.length + additions.length);
  });

  it('counts new designations per month exactly as the files do (history start excluded)', async () => {
    const expected = new Map<string, number>();
    const add = (date: string) => expected.set(date.slice(0, 7), (expected.get(date.slice(0, 7)) ?? 0) + 1);
    for (const e of entries) if (e.first_seen !== '2021-08-18') add(e.first_seen as string);
    for (const c of additions) add(c.date as string);
    const rows = await getDesignationCounts(await testViewer(), dashboardQuerySchema.parse({ granularity: 'month', from: '2021-01', to: '2024-12', authority: 'US-OFAC' }));
    const actual = new Map(rows.map((r) => [r.bin, r.count]));
    expect(actual).toEqual(expected);
  });

  it('does not count program renames as designations: OFAC in Sep 2022 is 409 first seen + 68 additions − 44 renames = 433', async () => {
    expect(renameRows).toHaveLength(105);
    const firstSeen = entries.filter((e) => e.first_seen!.startsWith('2022-09')).length;
    const added = changes.filter((c) => c.programs_added && c.date!.startsWith('2022-09')).length;
    const renamed = renameRows.filter((c) => c.date!.startsWith('2022-09')).length;
    expect([firstSeen, added, renamed]).toEqual([409, 68, 44]);
    const rows = await getDesignationCounts(await testViewer(), dashboardQuerySchema.parse({ granularity: 'month', from: '2022-09', to: '2022-09', authority: 'US-OFAC' }));
    expect(rows.find((r) => r.bin === '2022-09')?.count).toBe(433);
  });

  it('continues a renamed designation under the new code, and its history says so', async () => {
    const c = renameRows.find((r) => r.date === '2022-09-22')!;
    const ds = await prisma.designation.findMany({ where: { origin: 'ofac-sdn', authorityRecordId: c.ent_num, deletedAt: null }, include: { programs: { include: { program: true } }, events: true } });
    expect(ds.some((d) => d.originKey === `${c.ent_num}@2022-09-22`)).toBe(false);
    const holder = ds.find((d) => d.programs.some((p) => p.program.code === 'ILLICIT-DRUGS-EO14059'))!;
    expect(holder.programs.find((p) => p.program.code === 'ILLICIT-DRUGS-EO')?.removedOn?.toISOString().slice(0, 10)).toBe('2022-09-22');
    expect(holder.events.some((e) => e.note?.startsWith('program ILLICIT-DRUGS-EO renamed ILLICIT-DRUGS-EO14059'))).toBe(true);
  });

  it('marks the entries already listed when the history starts as "on or before", not as new', async () => {
    const atStart = entries.filter((e) => e.first_seen === '2021-08-18').length;
    expect(atStart).toBe(9_083);
    expect(await prisma.designation.count({ where: { authorityId: 'US-OFAC', listingDateQualifier: 'ON_OR_BEFORE' } })).toBe(atStart);
  });

  it('lifts every entry missing from the last edition, with an end date after its last sighting', async () => {
    const lifted = entries.filter((e) => e.still_listed === 'no');
    const liftedEntities = await prisma.entity.count({ where: { externalIds: { some: { source: 'ofac-sdn' } }, designations: { some: { authorityId: 'US-OFAC', endDate: { not: null } } } } });
    expect(liftedEntities).toBe(lifted.length);
    const sample = lifted[0]!;
    const d = await prisma.designation.findFirstOrThrow({ where: { origin: 'ofac-sdn', originKey: sample.ent_num }, include: { events: true } });
    expect(d.status).toBe('DELISTED');
    expect(d.endDate!.toISOString().slice(0, 10) > (sample.last_seen as string)).toBe(true);
    // A bound, not a date: lifted after its last edition, on or before the next one.
    expect(d.endDateQualifier).toBe('ON_OR_BEFORE');
    expect(d.endDateAfter!.toISOString().slice(0, 10)).toBe(sample.last_seen);
    expect(await prisma.designation.count({ where: { authorityId: 'US-OFAC', endDate: { not: null }, OR: [{ endDateQualifier: 'EXACT' }, { endDateAfter: null }] } })).toBe(0);
    expect(d.events.map((e) => e.status)).toContain('DELISTED');
  });

  it('treats a program added to a listed entry as a new designation on that day (QAI, 15 Nov 2022)', async () => {
    const qai = await prisma.designation.findMany({
      where: { origin: 'ofac-sdn', authorityRecordId: '16418' },
      include: { programs: { include: { program: true } } },
      orderBy: { listingDate: 'asc' },
    });
    expect(qai.map((d) => [d.listingDate!.toISOString().slice(0, 10), d.programs.map((p) => p.program.code).sort().join('+')])).toEqual([
      ['2021-08-18', 'IFSR+NPWMD'],
      ['2022-11-15', 'RUSSIA-EO14024'],
      ['2023-10-18', 'IRAN-CON-ARMS-EO'],
    ]);
  });
});

type DroneCaseFile = {
  entities: Array<{ key: string; refs: { ofac?: string[]; eu?: Array<{ celex: string; annex: string; recordId: string }>; uk?: string[] } }>;
  actions: Array<{ id: string; authority: string; sourceUrls: string[]; designations: Array<{ entity: string; list: string; listRef: string; listedOn: string; kind: string }> }>;
  participants: Array<{ sourceUrl: string }>;
  supplyLinks: Array<{ sourceUrl: string }>;
  weaponsPrograms: Array<{ slug: string; sourceUrls: string[] }>;
};

describe('drone-case seed', () => {
  const file = JSON.parse(readFileSync('data/drone-case/drone-case.json', 'utf8')) as DroneCaseFile;
  const all = file.actions.flatMap((a) => a.designations.map((d) => ({ ...d, action: a })));
  const iso = (d: Date | null) => d?.toISOString().slice(0, 10);

  it('takes every EU date from the EU list itself', async () => {
    const euCsv = new Map<string, string>();
    for (const celex of ['32014R0269', '32023R1529']) {
      for (const r of csv(`eu/${celex}.csv`)) {
        const [d, m, y] = (r.startDate as string).split('.');
        if (!d || !m || !y) continue; // a few annex rows carry no date of listing
        euCsv.set(`${celex}#${r.annex}#${r.recordId}`, `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
      }
    }
    const refs = all.filter((d) => d.list === 'eu');
    // The whole EU lists are seeded too (official-lists); here: the designations the case names.
    const rows = await prisma.designation.findMany({ where: { origin: 'eu-journal', originKey: { in: refs.map((d) => d.listRef) } } });
    expect(rows).toHaveLength(new Set(refs.map((d) => d.listRef)).size);
    for (const row of rows) expect([row.originKey, iso(row.listingDate)]).toEqual([row.originKey, euCsv.get(row.originKey!)]);
    expect(rows.every((r) => r.authorityId === 'EU' && r.sourceUrl.startsWith('https://'))).toBe(true);
  });

  it('takes every UK date from the UK list itself', async () => {
    const ukCsv = new Map(csv('uk/subjects.csv').map((r) => {
      const [d, m, y] = (r.date_designated as string).split('/');
      return [r.unique_id as string, `${y}-${m}-${d}`];
    }));
    const refs = all.filter((d) => d.list === 'uk');
    const rows = await prisma.designation.findMany({ where: { origin: 'uk-list', originKey: { in: refs.map((d) => d.listRef) } } });
    expect(rows).toHaveLength(new Set(refs.map((d) => d.listRef)).size);
    for (const row of rows) expect([row.originKey, iso(row.listingDate)]).toEqual([row.originKey, ukCsv.get(row.originKey!)]);
  });

  it('attaches each OFAC action to designations on its real SDN dates, with the action source', async () => {
    const firstSeen = new Map(csv('ofac-sdn/sdn-first-seen.csv').map((r) => [r.ent_num as string, r.first_seen as string]));
    for (const d of all.filter((x) => x.list === 'ofac')) {
      const key = d.kind === 'program added' ? `${d.listRef}@${d.listedOn}` : d.listRef;
      const row = await prisma.designation.findUniqueOrThrow({ where: { origin_originKey: { origin: 'ofac-sdn', originKey: key } } });
      expect(iso(row.listingDate)).toBe(d.kind === 'program added' ? d.listedOn : firstSeen.get(d.listRef));
      if (d.action.sourceUrls[0]) expect(row.sourceUrl).toBe(d.action.sourceUrls[0]);
    }
  });

  it('unifies one entity across OFAC, EU and UK records (Shahed Aviation Industries)', async () => {
    const sairc = await prisma.externalId.findUniqueOrThrow({ where: { source_externalId: { source: 'ofac-sdn', externalId: '39637' } } });
    const designations = await prisma.designation.findMany({ where: { entityId: sairc.entityId }, orderBy: { listingDate: 'asc' } });
    expect(designations.map((d) => [d.authorityId, iso(d.listingDate)])).toEqual([
      ['EU', '2022-10-20'],
      ['UK', '2022-10-20'],
      ['US-OFAC', '2022-11-15'],
    ]);
  });

  it('seeds weapons programs, roles and supply links only with their sources', async () => {
    expect(await prisma.weaponsProgram.count()).toBe(file.weaponsPrograms.length);
    expect(await prisma.programParticipant.count()).toBe(file.participants.length);
    expect(await prisma.supplyLink.count()).toBe(file.supplyLinks.length);
    const urls = [
      ...(await prisma.programParticipant.findMany()).map((p) => p.sourceUrl),
      ...(await prisma.supplyLink.findMany()).map((s) => s.sourceUrl),
      ...(await prisma.weaponsProgram.findMany()).flatMap((w) => w.sourceUrls),
    ];
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(new URL(url).protocol).toBe('https:');
    const hesa = await prisma.externalId.findUniqueOrThrow({ where: { source_externalId: { source: 'ofac-sdn', externalId: '11195' } } });
    expect(await prisma.supplyLink.count({ where: { recipientId: hesa.entityId, componentCategory: 'ENGINES' } })).toBe(2);
  });
});

describe('milestones seed', () => {
  it('loads every milestone of milestones.json with its precision and source', async () => {
    const file = JSON.parse(readFileSync('data/milestones.json', 'utf8')) as { source: string; milestones: Array<{ id: string; date: string }> };
    const curated = JSON.parse(readFileSync('data/milestones-sanctions.json', 'utf8')) as { milestones: Array<{ id: string; sourceUrl: string }> };
    const rows = await prisma.milestone.findMany();
    expect(rows).toHaveLength(file.milestones.length + curated.milestones.length);
    // The UK transition (issue 23): a sanctions milestone with its official source.
    expect(rows.find((m) => m.slug === 'uk-sanctions-transition-2020')).toMatchObject({ category: 'SANCTIONS', datePrecision: 'DAY', sourceUrl: 'https://ofsi.blog.gov.uk/2020/12/01/get-ready-for-the-end-of-the-transition-period/' });
    const talks = rows.find((m) => m.slug === 'jcpoa-talks-collapse-2022');
    expect(talks).toMatchObject({ datePrecision: 'MONTH', sourceUrl: file.source });
    expect(rows.every((m) => m.sourceUrl.startsWith('https://'))).toBe(true);
  });
});

describe('official lists seed (EU, UK, UN through the importers)', () => {
  const euKeys = new Set(['32012R0267', '32014R0269', '32023R1529'].flatMap((celex) => csv(`eu/${celex}.csv`).map((r) => `${r.celex}#${r.annex}#${r.recordId}`)));
  const ukIds = csv('uk/subjects.csv').map((r) => r.unique_id as string);
  // The UN file's own count: its INDIVIDUAL and ENTITY elements (data/un/README.md: 701 + 397).
  const unXml = readFileSync('data/un/consolidated-2018-08-27.xml', 'utf8');
  const unCount = (unXml.match(/<INDIVIDUAL>/g)?.length ?? 0) + (unXml.match(/<ENTITY>/g)?.length ?? 0);

  it('has as many designations per authority as the files list', async () => {
    expect(unCount).toBe(1098);
    expect(ukIds).toHaveLength(6046);
    // NOTE: by origin too: other test files of this run add designations by hand (origin 'admin').
    const seeded = (authorityId: string, origin: string) => prisma.designation.count({ where: { authorityId, origin } });
    expect(await seeded('EU', 'eu-journal')).toBe(euKeys.size);
    expect(await seeded('UK', 'uk-list')).toBe(ukIds.length);
    expect(await seeded('UN', 'un-sc')).toBe(unCount);
    expect(await prisma.designation.count({ where: { authorityId: { in: ['EU', 'UK', 'UN'] }, origin: { notIn: ['eu-journal', 'uk-list', 'un-sc', 'admin'] } } })).toBe(0);
    const eu = await prisma.designation.findMany({ where: { origin: 'eu-journal' }, select: { originKey: true } });
    expect(new Set(eu.map((d) => d.originKey))).toEqual(euKeys);
  });

  it('does not duplicate the drone-case entities: each one holds all of its OFAC, EU and UK records', async () => {
    const file = JSON.parse(readFileSync('data/drone-case/drone-case.json', 'utf8')) as DroneCaseFile;
    let checked = 0;
    for (const e of file.entities) {
      const refs = [
        ...(e.refs.ofac ?? []).map((x) => ({ source: 'ofac-sdn', externalId: x })),
        ...(e.refs.eu ?? []).map((x) => ({ source: 'eu-journal', externalId: `${x.celex}#${x.annex}#${x.recordId}` })),
        ...(e.refs.uk ?? []).map((x) => ({ source: 'uk-list', externalId: x })),
      ];
      const ids = await prisma.externalId.findMany({ where: { OR: refs } });
      expect([e.key, ids.length]).toEqual([e.key, refs.length]);
      expect([e.key, new Set(ids.map((i) => i.entityId)).size]).toEqual([e.key, 1]);
      const listed = await prisma.designation.findMany({ where: { OR: refs.filter((r) => r.source !== 'ofac-sdn').map((r) => ({ origin: r.source, originKey: r.externalId })) } });
      expect(listed.every((d) => d.entityId === ids[0]!.entityId)).toBe(true);
      checked += refs.length;
    }
    expect(checked).toBeGreaterThan(50);
    // Shahed Aviation Industries: one entity, its EU and UK listings imported onto it, none beside it.
    const sairc = await prisma.externalId.findUniqueOrThrow({ where: { source_externalId: { source: 'ofac-sdn', externalId: '39637' } } });
    expect(await prisma.entity.count({ where: { name: { contains: 'Shahed Aviation Industries', mode: 'insensitive' }, externalIds: { some: { source: { in: ['eu-journal', 'uk-list'] } } }, NOT: { id: sairc.entityId } } })).toBe(0);
  });

  it('changes nothing when the same lists are imported again onto the seeded data', async () => {
    const { runImport } = await import('../lib/import/run');
    const { systemActor } = await import('../lib/db/audit');
    for (const [format, files] of [['eu-csv', ['data/eu/32012R0267.csv', 'data/eu/32014R0269.csv', 'data/eu/32023R1529.csv']], ['uk-csv', ['data/uk/subjects.csv', 'data/uk/subject_names.csv']], ['un-xml', ['data/un/consolidated-2018-08-27.xml']]] as const) {
      const r = await runImport({ format, files: [...files], actor: systemActor('test:seed'), db: prisma, dryRun: true });
      expect([format, r.created, r.changed, r.lifted]).toEqual([format, 0, 0, 0]);
    }
  }, 300_000);
});

describe('seed idempotency', () => {
  it('changes nothing when run again', async () => {
    const count = async () => ({
      entities: await prisma.entity.count(),
      designations: await prisma.designation.count(),
      events: await prisma.designationEvent.count(),
      links: await prisma.designationProgram.count(),
      milestones: await prisma.milestone.count(),
      programs: await prisma.weaponsProgram.count(),
      participants: await prisma.programParticipant.count(),
      supply: await prisma.supplyLink.count(),
      externalIds: await prisma.externalId.count(),
      aliases: await prisma.entityAlias.count(),
      identifiers: await prisma.identifier.count(),
    });
    const before = await count();
    const updatedBefore = await prisma.designation.aggregate({ _max: { updatedAt: true } });
    await runSeed(() => undefined);
    expect(await count()).toEqual(before);
    expect(await prisma.designation.aggregate({ _max: { updatedAt: true } })).toEqual(updatedBefore);
    // NOTE: a whole second seed (the OFAC history is compared row by row); its time is a benchmark's
    // business (npm run bench:seed), not this test's.
  }, 600_000);
});

describe('what the seed records about its data (issue 23)', () => {
  it('records the edition of every list it holds in the edition registry', async () => {
    const rows = await prisma.listEdition.findMany({ orderBy: { scope: 'asc' } });
    expect(rows.map((r) => `${r.scope} ${r.editionDate.toISOString().slice(0, 10)}`)).toEqual([
      'eu-journal:32012R0267 2026-07-30', 'eu-journal:32014R0269 2026-07-30', 'eu-journal:32023R1529 2026-07-30', 'ofac-sdn 2024-05-03', 'uk-list 2026-04-29', 'un-sc 2018-08-24',
    ]);
  });

  it('has no designation that ends before it starts', async () => {
    const [row] = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM designation WHERE end_date IS NOT NULL AND listing_date IS NOT NULL AND end_date < date_trunc('year', listing_date::timestamp)::date`;
    expect(row!.n).toBe(0);
  });

  it('flags the three designations of the US action of 2022-12-09 as of uncertain attribution', async () => {
    const ds = await prisma.designation.findMany({ where: { authorityId: 'US-OFAC', authorityRecordId: { in: ['40191', '40192', '40193'] }, listingDate: new Date('2022-12-09T00:00:00Z') } });
    expect(ds).toHaveLength(3);
    for (const d of ds) {
      expect(d.isUncertain).toBe(true);
      expect(d.note).toMatch(/Attribution uncertain: announced by the White House/);
    }
  });

  it('titles programs from the registry, and leaves a code without a sourced title untitled', async () => {
    const sdgt = await prisma.sanctionsProgram.findUniqueOrThrow({ where: { authorityId_code: { authorityId: 'US-OFAC', code: 'SDGT' } } });
    expect(sdgt.title).toBeTruthy();
    expect(sdgt.titleSource).toMatch(/^https:/);
    const untitled = csv('programs/programs.csv').find((r) => !r.title)!;
    const p = await prisma.sanctionsProgram.findUniqueOrThrow({ where: { authorityId_code: { authorityId: untitled.authority!, code: untitled.code! } } });
    expect(p.title).toBeNull();
  });
});

describe('one entity across the lists (issue 24)', () => {
  const entityOf = async (source: string, externalId: string) => (await prisma.externalId.findUniqueOrThrow({ where: { source_externalId: { source, externalId } } })).entityId;
  const together = async (records: Array<[string, string]>) => new Set(await Promise.all(records.map(([s, x]) => entityOf(s, x)))).size === 1;

  it('joins the well-known records of every list that names them', async () => {
    // Qods Aviation Industries: OFAC, the EU under both acts, the UK, the UN (2018).
    expect(await together([['ofac-sdn', '16418'], ['eu-journal', '32014R0269#I.ENTITIES#121'], ['eu-journal', '32012R0267#VIII.A.ENTITIES#41'], ['uk-list', 'INU0253'], ['un-sc', 'IRe.055']])).toBe(true);
    // HESA: OFAC, the EU under both acts, the UK.
    expect(await together([['ofac-sdn', '11195'], ['eu-journal', '32014R0269#I.ENTITIES#174a'], ['eu-journal', '32012R0267#IX.I.B#17'], ['uk-list', 'INU0071']])).toBe(true);
    // Yevgeniy Prigozhin: OFAC, the EU, the UK. The IRGC: OFAC, the EU ("Iranian Revolutionary Guard Corps"), the UK.
    expect(await together([['ofac-sdn', '21171'], ['eu-journal', '32014R0269#I.PERSONS#234'], ['uk-list', 'LIB0071']])).toBe(true);
    expect(await together([['ofac-sdn', '10391'], ['eu-journal', '32012R0267#IX.II.B#1'], ['uk-list', 'INU0080']])).toBe(true);
    // Bank Melli Iran: OFAC, the UK and the EU ("Bank Melli, Bank Melli Iran (including all branches) and subsidiaries").
    expect(await together([['ofac-sdn', '25578'], ['uk-list', 'INU0300'], ['eu-journal', '32012R0267#IX.I.B#5']])).toBe(true);
    // The Wagner Group: OFAC ("PRIVATE MILITARY COMPANY 'WAGNER'"), the EU (269/2014), the UK's Russia regime.
    expect(await together([['ofac-sdn', '22543'], ['eu-journal', '32014R0269#I.ENTITIES#210'], ['uk-list', 'RUS1090']])).toBe(true);
  });

  it('keeps a subsidiary apart from its parent (Bank Melli Iran ZAO, Moscow)', async () => {
    expect(await together([['ofac-sdn', '25578'], ['eu-journal', '32012R0267#IX.I.B#5 (f)']])).toBe(false);
  });

  it('never puts two records of one list document in one entity', async () => {
    // (Other test files merge entities by hand, as an admin may: those are left out.)
    const [row] = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM (SELECT entity_id, document FROM external_id GROUP BY 1, 2 HAVING count(*) > 1) d
      WHERE NOT EXISTS (SELECT 1 FROM audit_event a WHERE a.action = 'entity.merge' AND a.meta->>'via' IS DISTINCT FROM 'resolution' AND (a.target_id = d.entity_id OR a.meta->>'survivorId' = d.entity_id))`;
    expect(row!.n).toBe(0);
  });
});
