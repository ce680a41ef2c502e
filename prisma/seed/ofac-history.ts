// The whole OFAC SDN history 2021–2024 (data/ofac-sdn): one entity per ent_num, one designation per
// listing act. A new entry is one designation under the programs it first carried; a program added
// later is a new designation on that date (data/ofac-sdn/README.md); a program removed is recorded
// on the designation that held it; an entry missing from the last edition is lifted, between its
// last edition and the next (a bounded date). A program RENAME (data/programs/successions.csv) is
// not a new designation: the designation that held the old code continues under the new one.
import { createHash, randomUUID } from 'node:crypto';
import { renamesByPair, type Succession } from '../../lib/programs/registry';
import { readSuccessions } from './programs';
import type { PrismaClient } from '../../lib/db/generated/client';
import { dataPath, readCsv, readText } from './files';
import { readFileSync } from 'node:fs';
import { createMissing, insertRows, type SeedReport } from './util';

export const OFAC_AUTHORITY = 'US-OFAC';
export const OFAC_ORIGIN = 'ofac-sdn';
export const OFAC_EXTERNAL_SOURCE = 'ofac-sdn';
/** The first edition of the scraped history: entries in it were listed on or before this day. */
export const OFAC_HISTORY_START = '2021-08-18';

export const ofacEntryUrl = (entNum: string) => `https://sanctionssearch.ofac.treas.gov/Details.aspx?id=${entNum}`;

type FirstSeenRow = { ent_num: string; name: string; sdn_type: string; programs: string; first_seen: string; last_seen: string; still_listed: string };
type ChangeRow = { date: string; ent_num: string; name: string; programs_added: string; programs_removed: string };

const SCHEMA_BY_TYPE: Record<string, 'Person' | 'Vessel' | 'Airplane' | 'Organization'> = {
  individual: 'Person',
  vessel: 'Vessel',
  aircraft: 'Airplane',
  entity: 'Organization',
  '': 'Organization',
};

/** 'NPWMD] [IFSR' (SDN.CSV) or 'IRAN-HR;IRGC' (the changes file) → codes. */
export function splitPrograms(value: string): string[] {
  return value.split(/\]\s*\[|;/).map((p) => p.replace(/[[\]]/g, '').trim()).filter(Boolean);
}

/** Dates of the valid editions, ascending (the failed, empty download is listed as skipped). */
export function readEditionDates(): string[] {
  return readText('ofac-sdn', 'editions.txt')
    .split('\n')
    .filter((l) => /^\d{4}-\d{2}-\d{2}\s/.test(l))
    .map((l) => l.slice(0, 10))
    .sort();
}

export type PlannedDesignation = {
  key: string;
  entNum: string;
  programs: string[];
  removed: Map<string, string>; // program → date removed
  renamed: Array<{ from: string; to: string; date: string; sourceUrl: string }>;
  listingDate: string;
  onOrBefore: boolean;
  /** Lifted on or before this day (the first edition without the entry)… */
  endDate: string | null;
  /** …and after this one (the last edition with it). */
  endAfter: string | null;
};

/** Keys of designations that an earlier plan made of program renames, now retired (a rename is not a designation). */
export type OfacPlan = { entries: FirstSeenRow[]; designations: PlannedDesignation[]; renameKeys: string[]; lastEdition: string };

/** The designations the files imply, computed without the database (shared with the tests). */
export function planOfacHistory(successions: Succession[] = readSuccessions()): OfacPlan {
  const renames = renamesByPair(successions.filter((x) => x.authorityId === OFAC_AUTHORITY));
  const renameKeys: string[] = [];
  const entries = readCsv<FirstSeenRow>('ofac-sdn', 'sdn-first-seen.csv');
  const changes = readCsv<ChangeRow>('ofac-sdn', 'sdn-program-changes.csv').sort((a, b) => a.date.localeCompare(b.date));
  const editions = readEditionDates();
  const changesByEnt = new Map<string, ChangeRow[]>();
  for (const c of changes) (changesByEnt.get(c.ent_num) ?? changesByEnt.set(c.ent_num, []).get(c.ent_num)!).push(c);

  const designations: PlannedDesignation[] = [];
  for (const e of entries) {
    const own = changesByEnt.get(e.ent_num) ?? [];
    // Undo the changes, newest first, to find the programs the entry carried when first seen.
    const initial = new Set(splitPrograms(e.programs));
    for (const c of [...own].reverse()) {
      for (const p of splitPrograms(c.programs_added)) initial.delete(p);
      for (const p of splitPrograms(c.programs_removed)) initial.add(p);
    }
    const ofEntry: PlannedDesignation[] = [
      { key: e.ent_num, entNum: e.ent_num, programs: [...initial], removed: new Map(), renamed: [], listingDate: e.first_seen, onOrBefore: e.first_seen === OFAC_HISTORY_START, endDate: null, endAfter: null },
    ];
    const holderOf = (p: string) => ofEntry.find((d) => d.programs.includes(p) && !d.removed.has(p));
    for (const c of own) {
      let added = splitPrograms(c.programs_added);
      const removed = splitPrograms(c.programs_removed);
      // A rename moves the old code's designation to the new code, decided by a sourced succession
      // made on or before the edition that shows it.
      for (const from of removed) {
        for (const to of added) {
          const rename = (renames.get(`${OFAC_AUTHORITY}|${from}|${to}`) ?? []).filter((r) => r.date <= c.date).sort((a, b) => b.date.localeCompare(a.date))[0];
          const holder = rename && holderOf(from);
          if (!rename || !holder) continue;
          holder.programs.push(to);
          holder.renamed.push({ from, to, date: c.date, sourceUrl: rename.sourceUrl });
          added = added.filter((a) => a !== to);
        }
      }
      if (added.length < splitPrograms(c.programs_added).length && !added.length) renameKeys.push(`${e.ent_num}@${c.date}`);
      if (added.length) ofEntry.push({ key: `${e.ent_num}@${c.date}`, entNum: e.ent_num, programs: added, removed: new Map(), renamed: [], listingDate: c.date, onOrBefore: false, endDate: null, endAfter: null });
      for (const p of removed) holderOf(p)?.removed.set(p, c.date);
    }
    if (e.still_listed !== 'yes') {
      // Lifted between its last edition and the next one: on or before the next edition's date
      // (like first_seen), after its last one.
      const end = editions.find((d) => d > e.last_seen) ?? null;
      for (const d of ofEntry) {
        d.endDate = end;
        d.endAfter = end ? e.last_seen : null;
      }
    }
    designations.push(...ofEntry);
  }
  return { entries, designations, renameKeys, lastEdition: editions[editions.length - 1]! };
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function seedOfacHistory(db: PrismaClient): Promise<SeedReport> {
  const { entries, designations, renameKeys, lastEdition } = planOfacHistory();
  return db.$transaction(
    async (tx) => {
      // Programs
      const codes = [...new Set(designations.flatMap((d) => d.programs))];
      await tx.sanctionsProgram.createMany({ data: codes.map((code) => ({ authorityId: OFAC_AUTHORITY, code })), skipDuplicates: true });
      const programs = new Map((await tx.sanctionsProgram.findMany({ where: { authorityId: OFAC_AUTHORITY }, select: { id: true, code: true } })).map((p) => [p.code, p.id]));

      // Entities: created when missing, never overwritten (admins and the curated drone case refine them).
      const known = new Map((await tx.externalId.findMany({ where: { source: OFAC_EXTERNAL_SOURCE }, select: { externalId: true, entityId: true } })).map((x) => [x.externalId, x.entityId]));
      const newEntities = entries.filter((e) => !known.has(e.ent_num)).map((e) => ({ id: randomUUID(), entNum: e.ent_num, name: e.name, schema: SCHEMA_BY_TYPE[e.sdn_type] ?? 'Organization' }));
      await insertRows(tx, 'entity', [['id', 'text'], ['name', 'text'], ['schema', '"EntitySchema"'], ['updated_at', 'text', 'now()']], newEntities.map((e) => [e.id, e.name, e.schema, null]));
      await insertRows(
        tx,
        'external_id',
        [['id', 'text', 'gen_random_uuid()::text'], ['entity_id', 'text'], ['source', 'text'], ['external_id', 'text']],
        newEntities.map((e) => [null, e.id, OFAC_EXTERNAL_SOURCE, e.entNum]),
      );
      for (const e of newEntities) known.set(e.entNum, e.id);

      // Designations
      const result = await createMissing(tx, {
        origin: OFAC_ORIGIN,
        items: designations.map((d) => ({
          originKey: d.key,
          entityId: known.get(d.entNum)!,
          authorityId: OFAC_AUTHORITY,
          listingDate: day(d.listingDate),
          listingDatePrecision: 'DAY' as const,
          listingDateQualifier: d.onOrBefore ? ('ON_OR_BEFORE' as const) : ('EXACT' as const),
          endDate: d.endDate ? day(d.endDate) : null,
          endDatePrecision: d.endDate ? ('DAY' as const) : null,
          endDateQualifier: d.endDate ? ('ON_OR_BEFORE' as const) : ('EXACT' as const),
          endDateAfter: d.endAfter ? day(d.endAfter) : null,
          status: d.endDate ? ('DELISTED' as const) : ('LISTED' as const),
          authorityRecordId: d.entNum,
          sourceUrl: ofacEntryUrl(d.entNum),
          note: d.onOrBefore ? `Already on the SDN list when our history starts (${OFAC_HISTORY_START}): listed on or before that day.` : null,
          programs: d.programs.map((code) => ({ programId: programs.get(code)!, removedOn: d.removed.has(code) ? day(d.removed.get(code)!) : null })),
          events: [
            { status: 'LISTED' as const, date: day(d.listingDate), note: d.onOrBefore ? 'on or before this date' : null },
            ...[...d.removed].map(([code, date]) => {
              const rename = d.renamed.find((r) => r.from === code && r.date === date);
              return rename
                ? { status: 'AMENDED' as const, date: day(date), note: `program ${code} renamed ${rename.to} (the designation continues under the new code)`, sourceUrl: rename.sourceUrl }
                : { status: 'AMENDED' as const, date: day(date), note: `program ${code} removed` };
            }),
            ...(d.endDate ? [{ status: 'DELISTED' as const, date: day(d.endDate), note: `absent from the edition of ${d.endDate}, last seen in the edition of ${d.endAfter}: lifted on or before this date` }] : []),
          ],
        })),
      });
      // Designations an earlier seed made of renames: a rename is not a designation. Only untouched
      // rows (version 1) are retired; an admin's edited row stays for the admin to decide.
      const retired = await tx.designation.updateMany({ where: { origin: OFAC_ORIGIN, originKey: { in: renameKeys }, deletedAt: null, version: 1 }, data: { deletedAt: new Date() } });
      // The edition registry: the history holds the SDN list up to its last edition.
      const checksum = createHash('sha256').update(readFileSync(dataPath('ofac-sdn', 'editions', `sdn-${lastEdition}.csv`))).digest('hex');
      await tx.listEdition.createMany({
        data: [{ scope: OFAC_ORIGIN, editionDate: day(lastEdition), checksum, format: 'ofac-sdn-history', fileName: `sdn-first-seen.csv, sdn-program-changes.csv (editions to sdn-${lastEdition}.csv)`, records: entries.length, source: 'seed' }],
        skipDuplicates: true,
      });
      return { dataset: 'ofac-sdn-history', entitiesCreated: newEntities.length, ...result, renamesRetired: retired.count, edition: lastEdition };
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}
