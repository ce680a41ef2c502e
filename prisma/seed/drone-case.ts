// The curated Iran-drone case (data/drone-case/drone-case.json, built from ACTIONS.md by hand and
// checked against the real lists by prisma/seed.int.test.ts; see data/drone-case/CURATION.md): weapons programs, the entities
// with their OFAC/EU/UK records unified, each action's source attached to its designations, the
// roles and supply links the sources state. Facts the sources leave open carry isUncertain.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../lib/db/generated/client';
import { parseDottedDate, parsePartialDate, parseSlashedDate } from '../../lib/dates';
import { eurLexUrl, euActName } from '../../lib/sources/legal-links';
import { readCsv, readJson } from './files';
import { OFAC_ORIGIN, ofacEntryUrl } from './ofac-history';
import { createMissing, type DesignationSeed } from './util';

type Tx = Prisma.TransactionClient;
// EU record ids repeat across an act's annexes (persons and entities are numbered apart).
type ListRef = { celex: string; annex: string; recordId: string };
type Role = 'DEVELOPER' | 'MANUFACTURER' | 'PROCUREMENT_AGENT' | 'COMPONENT_SUPPLIER' | 'LOGISTICS' | 'FINANCIER' | 'OPERATOR';
type Category = 'ENGINES' | 'ELECTRONICS' | 'NAVIGATION' | 'SERVOS' | 'AIRFRAME_MATERIALS' | 'AEROSPACE_COMPONENTS' | 'OTHER';

export type DroneCase = {
  weaponsPrograms: Array<{ slug: string; name: string; aliases: string[]; type: string; countryOfOrigin: string; description: string; sourceUrls: string[]; note?: string }>;
  entities: Array<{ key: string; schema: 'Person' | 'Organization' | 'Company' | 'Vessel' | 'Airplane'; name: string; aliases: string[]; countries: string[]; refs: { ofac?: string[]; eu?: ListRef[]; uk?: string[] }; notes?: string }>;
  actions: Array<{
    id: string;
    authority: string;
    date: string;
    title: string;
    legalAct?: string;
    sourceUrls: string[];
    uncertain: boolean;
    note?: string;
    designations: Array<{ entity: string; list: 'ofac' | 'eu' | 'uk'; listRef: string; program: string; listedOn: string; kind: 'new entry' | 'program added'; uncertain?: boolean; note?: string }>;
  }>;
  participants: Array<{ entity: string; program: string; role: Role; sourceUrl: string; evidence: string; uncertain?: boolean }>;
  supplyLinks: Array<{ supplier: string; recipient: string; componentCategory: Category; program?: string; from?: string; sourceUrl: string; evidence: string; uncertain?: boolean }>;
};

export const EU_ORIGIN = 'eu-journal';
export const UK_ORIGIN = 'uk-list';
export const UK_LIST_URL = 'https://www.gov.uk/government/publications/the-uk-sanctions-list';
type EuRow = { celex: string; annex: string; recordId: string; startDate: string; reason: string; measure: string; programKey: string };

/** The identity of an EU annex listing, shared with the EU importer. */
export const euRecordKey = (r: ListRef) => `${r.celex}#${r.annex}#${r.recordId}`;
type UkSubject = { unique_id: string; date_designated: string };

/** EU programs are the Council regulations; their titles come from the EU's regimes table. */
async function ensureEuProgram(tx: Tx, celex: string): Promise<string> {
  const regimes = readCsv<{ framework_celexes: string; name: string }>('eu', 'eu_sanctions_map_programs.csv');
  const regime = regimes.find((r) => r.framework_celexes.split(';').includes(celex));
  const program = await tx.sanctionsProgram.upsert({
    where: { authorityId_code: { authorityId: 'EU', code: celex } },
    create: { authorityId: 'EU', code: celex, title: regime?.name ?? null, legalBasis: euActName(celex), url: eurLexUrl(celex) },
    update: {},
  });
  return program.id;
}

async function ensureProgram(tx: Tx, authorityId: string, code: string): Promise<string> {
  const program = await tx.sanctionsProgram.upsert({ where: { authorityId_code: { authorityId, code } }, create: { authorityId, code }, update: {} });
  return program.id;
}

export async function seedDroneCase(db: PrismaClient) {
  const file = readJson<DroneCase>('drone-case', 'drone-case.json');
  const euRows = new Map<string, EuRow>();
  for (const celex of new Set(file.entities.flatMap((e) => e.refs.eu ?? []).map((r) => r.celex))) {
    for (const row of readCsv<EuRow>('eu', `${celex}.csv`)) euRows.set(euRecordKey(row), row);
  }
  const ukSubjects = new Map(readCsv<UkSubject>('uk', 'subjects.csv').map((s) => [s.unique_id, s]));

  return db.$transaction(
    async (tx) => {
      let programsCreated = 0;
      const programIds = new Map<string, string>();
      for (const wp of file.weaponsPrograms) {
        const existing = await tx.weaponsProgram.findUnique({ where: { slug: wp.slug } });
        const row = existing ?? (programsCreated++, await tx.weaponsProgram.create({ data: { slug: wp.slug, name: wp.name, aliases: wp.aliases, type: wp.type, countryOfOrigin: wp.countryOfOrigin, description: wp.description, sourceUrls: wp.sourceUrls, note: wp.note ?? null } }));
        programIds.set(wp.slug, row.id);
      }

      // Entities: one per curated key, found through any of its list records, else created.
      let entitiesCreated = 0;
      const entityIds = new Map<string, string>();
      for (const e of file.entities) {
        const keys = [
          ...(e.refs.ofac ?? []).map((x) => ({ source: 'ofac-sdn', externalId: x })),
          ...(e.refs.eu ?? []).map((x) => ({ source: EU_ORIGIN, externalId: euRecordKey(x) })),
          ...(e.refs.uk ?? []).map((x) => ({ source: UK_ORIGIN, externalId: x })),
        ];
        // OFAC first: the history seed made those entities; EU and UK records may be new.
        let found = null;
        for (const k of keys) {
          found = await tx.externalId.findUnique({ where: { source_externalId: k }, include: { entity: true } });
          if (found) break;
        }
        let entityId = found?.entityId;
        if (!entityId) {
          entityId = randomUUID();
          await tx.entity.create({ data: { id: entityId, schema: e.schema, name: e.name, countries: e.countries, notes: e.notes ?? null } });
          entitiesCreated++;
        } else if (found && found.entity.version === 1) {
          // Never edited by anyone (version 1): the curated identity refines what a bare list row
          // gave; countries are added to, never taken away.
          const countries = [...new Set([...found.entity.countries, ...e.countries])];
          if (found.entity.schema !== e.schema || found.entity.name !== e.name || countries.length !== found.entity.countries.length) {
            await tx.entity.update({ where: { id: entityId }, data: { schema: e.schema, name: e.name, countries, notes: e.notes ?? found.entity.notes } });
          }
        }
        entityIds.set(e.key, entityId);
        await tx.externalId.createMany({ data: keys.map((k) => ({ ...k, entityId })), skipDuplicates: true });
        const aliases = [...new Set(e.aliases.filter((a) => a && a !== e.name))];
        if (aliases.length) await tx.entityAlias.createMany({ data: aliases.map((name) => ({ entityId, name, kind: 'ALIAS' as const })), skipDuplicates: true });
      }

      // Designations: OFAC rows exist (history seed) and gain the action's source; EU and UK rows
      // are created with the list's own dates, under the identity the EU/UK importers use.
      const eu: DesignationSeed[] = [];
      const uk: DesignationSeed[] = [];
      let ofacAnnotated = 0;
      const unmatched: string[] = [];
      for (const action of file.actions) {
        const url = action.sourceUrls[0];
        for (const d of action.designations) {
          const entityId = entityIds.get(d.entity);
          if (!entityId) throw new Error(`drone-case.json: action ${action.id} names unknown entity ${d.entity}`);
          const uncertain = action.uncertain || d.uncertain === true;
          const note = [action.title, d.note, action.note].filter(Boolean).join(' — ');
          if (d.list === 'ofac') {
            const originKey = d.kind === 'program added' ? `${d.listRef}@${d.listedOn}` : d.listRef;
            const existing = await tx.designation.findUnique({ where: { origin_originKey: { origin: OFAC_ORIGIN, originKey } } });
            if (!existing) {
              unmatched.push(`${action.id}:${originKey}`);
              continue;
            }
            // Attach the action's public source unless an admin has edited the row since. The
            // uncertain flag and the note flow to the row even when the action has no page (the
            // US action of 2022-12-09: attribution uncertain).
            if (existing.version === 1 && existing.sourceUrl === ofacEntryUrl(d.listRef) && (url || existing.isUncertain !== uncertain || existing.note !== note)) {
              await tx.designation.update({ where: { id: existing.id }, data: { ...(url ? { sourceUrl: url } : {}), note, legalAct: action.legalAct ?? null, isUncertain: uncertain } });
              ofacAnnotated++;
            }
          } else if (d.list === 'eu') {
            const row = euRows.get(d.listRef);
            const date = parseDottedDate(row?.startDate) ?? parsePartialDate(d.listedOn);
            if (!row || !date) throw new Error(`drone-case.json: EU record ${d.listRef} not found in data/eu`);
            eu.push({
              originKey: d.listRef,
              entityId,
              authorityId: 'EU',
              listingDate: date.date,
              listingDatePrecision: date.precision,
              startDate: date.date,
              startDatePrecision: date.precision,
              endDate: null,
              endDatePrecision: null,
              status: 'LISTED',
              reason: row.reason || null,
              measures: row.measure ? [row.measure] : [],
              legalAct: euActName(row.celex),
              authorityRecordId: row.recordId,
              sourceUrl: url ?? eurLexUrl(row.celex),
              isUncertain: uncertain,
              note,
              programs: [{ programId: await ensureEuProgram(tx, row.celex), removedOn: null }],
              events: [{ status: 'LISTED', date: date.date, note: null, sourceUrl: url ?? null }],
            });
          } else {
            const subject = ukSubjects.get(d.listRef);
            const date = parseSlashedDate(subject?.date_designated) ?? parsePartialDate(d.listedOn);
            if (!subject || !date) throw new Error(`drone-case.json: UK subject ${d.listRef} not found in data/uk`);
            const regime = d.listRef.replace(/\d+$/, '');
            uk.push({
              originKey: d.listRef,
              entityId,
              authorityId: 'UK',
              listingDate: date.date,
              listingDatePrecision: date.precision,
              startDate: date.date,
              startDatePrecision: date.precision,
              endDate: null,
              endDatePrecision: null,
              status: 'LISTED',
              authorityRecordId: d.listRef,
              sourceUrl: url ?? UK_LIST_URL,
              isUncertain: uncertain,
              note,
              programs: [{ programId: await ensureProgram(tx, 'UK', regime), removedOn: null }],
              events: [{ status: 'LISTED', date: date.date, note: null, sourceUrl: url ?? null }],
            });
          }
        }
      }
      const euResult = await createMissing(tx, { origin: EU_ORIGIN, items: eu });
      const ukResult = await createMissing(tx, { origin: UK_ORIGIN, items: uk });

      const participants = await tx.programParticipant.createMany({
        data: file.participants.map((p) => ({
          entityId: entityIds.get(p.entity)!,
          weaponsProgramId: programIds.get(p.program)!,
          role: p.role,
          sourceUrl: p.sourceUrl,
          evidence: p.evidence,
          isUncertain: p.uncertain === true,
        })),
        skipDuplicates: true,
      });
      let supplyCreated = 0;
      for (const s of file.supplyLinks) {
        const where = { supplierId: entityIds.get(s.supplier)!, recipientId: entityIds.get(s.recipient)!, componentCategory: s.componentCategory, weaponsProgramId: s.program ? programIds.get(s.program)! : null };
        if (await tx.supplyLink.findFirst({ where })) continue;
        const from = s.from ? parsePartialDate(s.from) : null;
        await tx.supplyLink.create({ data: { ...where, startDate: from?.date ?? null, startDatePrecision: from?.precision ?? null, sourceUrl: s.sourceUrl, evidence: s.evidence, isUncertain: s.uncertain === true } });
        supplyCreated++;
      }
      if (unmatched.length) throw new Error(`drone-case.json: OFAC designations not found in the SDN history: ${unmatched.join(', ')}`);
      return {
        dataset: 'drone-case',
        weaponsProgramsCreated: programsCreated,
        entitiesCreated,
        ofacDesignationsAnnotated: ofacAnnotated,
        euDesignationsCreated: euResult.designationsCreated,
        ukDesignationsCreated: ukResult.designationsCreated,
        participantsCreated: participants.count,
        supplyLinksCreated: supplyCreated,
      };
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}
