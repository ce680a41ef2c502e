// Idempotent bulk writes for the seed: create what is missing, correct what the source changed,
// leave everything else (and every admin's edits to fields the source does not own) alone.
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../lib/db/generated/client';

type Tx = Prisma.TransactionClient;

export type SeedReport = Record<string, string | number>;

export async function inChunks<T>(items: T[], write: (chunk: T[]) => Promise<unknown>, size = 1000): Promise<void> {
  for (let i = 0; i < items.length; i += size) await write(items.slice(i, i + size));
}

/**
 * Multi-row INSERT … SELECT FROM unnest(one array per column), in chunks of 5,000 rows.
 * NOTE: Prisma's createMany cost ~1 ms a row here (16k OFAC entries: 32 s of the seed); one array
 * parameter per column costs a few ms per thousand. `columns` are this file's constants, never
 * input: name → SQL expression over the unnested column `c<i>` typed `type` (e.g. ['status',
 * 'DesignationStatus', 'c12'] or an expression for a computed value); every value is a parameter.
 */
export async function insertRows(tx: Tx, table: string, columns: Array<[name: string, type: string, expr?: string]>, rows: unknown[][], suffix = ''): Promise<void> {
  const names = columns.map(([n]) => `"${n}"`).join(', ');
  const exprs = columns.map(([, , e], i) => e ?? `c${i}`).join(', ');
  const arrays = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${exprs} FROM unnest(${arrays}) AS t(${aliases}) ${suffix}`;
  await inChunks(rows, (chunk) => tx.$executeRawUnsafe(sql, ...columns.map((_, i) => chunk.map((r) => r[i]))), 5000);
}

const isoDay = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

type Precision = 'YEAR' | 'MONTH' | 'DAY';
type Status = 'LISTED' | 'AMENDED' | 'DELISTED' | 'RELISTED';

export type DesignationSeed = {
  originKey: string;
  entityId: string;
  authorityId: string;
  listingDate: Date | null;
  listingDatePrecision: Precision | null;
  listingDateQualifier?: 'EXACT' | 'ON_OR_BEFORE';
  startDate?: Date | null;
  startDatePrecision?: Precision | null;
  endDate: Date | null;
  endDatePrecision: Precision | null;
  endDateQualifier?: 'EXACT' | 'ON_OR_BEFORE';
  endDateAfter?: Date | null;
  status: Status;
  reason?: string | null;
  measures?: string[];
  legalAct?: string | null;
  authorityRecordId: string | null;
  sourceUrl: string;
  isUncertain?: boolean;
  note?: string | null;
  programs: Array<{ programId: string; removedOn: Date | null }>;
  events: Array<{ status: Status; date: Date; note: string | null; sourceUrl?: string | null }>;
};

const same = (a: Date | null | undefined, b: Date | null | undefined) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * Creates the designations of `origin` that are missing (by origin key) and updates the dates and
 * status of existing ones when the source says otherwise. Program links and events are added when
 * missing. Returns counts for the seed's report and audit event.
 */
export async function createMissing(tx: Tx, input: { origin: string; items: DesignationSeed[] }) {
  const existing = new Map(
    (
      await tx.designation.findMany({
        where: { origin: input.origin },
        select: { id: true, originKey: true, listingDate: true, listingDateQualifier: true, startDate: true, endDate: true, endDateQualifier: true, endDateAfter: true, status: true },
      })
    ).map((d) => [d.originKey, d]),
  );
  const toCreate = input.items.filter((d) => !existing.has(d.originKey)).map((d) => ({ ...d, id: randomUUID() }));
  await insertRows(
    tx,
    'designation',
    [
      ['id', 'text'], ['origin', 'text'], ['origin_key', 'text'], ['entity_id', 'text'], ['authority_id', 'text'],
      ['listing_date', 'date'], ['listing_date_precision', '"DatePrecision"'], ['listing_date_qualifier', '"DateQualifier"'],
      ['start_date', 'date'], ['start_date_precision', '"DatePrecision"'], ['end_date', 'date'], ['end_date_precision', '"DatePrecision"'],
      ['status', '"DesignationStatus"'], ['reason', 'text'], ['measures', 'text', 'ARRAY(SELECT jsonb_array_elements_text(c14::jsonb))'],
      ['legal_act', 'text'], ['authority_record_id', 'text'], ['source_url', 'text'], ['is_uncertain', 'boolean'], ['note', 'text'], ['updated_at', 'text', 'now()'],
      ['end_date_qualifier', '"DateQualifier"'], ['end_date_after', 'date'],
    ],
    toCreate.map((d) => [
      d.id, input.origin, d.originKey, d.entityId, d.authorityId,
      isoDay(d.listingDate), d.listingDatePrecision, d.listingDateQualifier ?? 'EXACT',
      isoDay(d.startDate), d.startDatePrecision ?? null, isoDay(d.endDate), d.endDatePrecision,
      d.status, d.reason ?? null, JSON.stringify(d.measures ?? []),
      d.legalAct ?? null, d.authorityRecordId, d.sourceUrl, d.isUncertain ?? false, d.note ?? null, null,
      d.endDateQualifier ?? 'EXACT', isoDay(d.endDateAfter),
    ]),
  );

  let updated = 0;
  const ids = new Map<string, string>(toCreate.map((d) => [d.originKey, d.id]));
  for (const d of input.items) {
    const old = existing.get(d.originKey);
    if (!old) continue;
    ids.set(d.originKey, old.id);
    const changed =
      !same(old.listingDate, d.listingDate) ||
      old.listingDateQualifier !== (d.listingDateQualifier ?? 'EXACT') ||
      !same(old.startDate, d.startDate ?? null) ||
      !same(old.endDate, d.endDate) ||
      old.endDateQualifier !== (d.endDateQualifier ?? 'EXACT') ||
      !same(old.endDateAfter, d.endDateAfter ?? null) ||
      old.status !== d.status;
    if (changed) {
      await tx.designation.update({
        where: { id: old.id },
        data: {
          listingDate: d.listingDate,
          listingDatePrecision: d.listingDatePrecision,
          listingDateQualifier: d.listingDateQualifier ?? 'EXACT',
          startDate: d.startDate ?? null,
          startDatePrecision: d.startDatePrecision ?? null,
          endDate: d.endDate,
          endDatePrecision: d.endDatePrecision,
          endDateQualifier: d.endDateQualifier ?? 'EXACT',
          endDateAfter: d.endDateAfter ?? null,
          status: d.status,
          version: { increment: 1 },
        },
      });
      updated++;
    }
  }

  const links = input.items.flatMap((d) => d.programs.map((p) => [ids.get(d.originKey)!, p.programId, isoDay(p.removedOn)]));
  await insertRows(tx, 'designation_program', [['designation_id', 'text'], ['program_id', 'text'], ['removed_on', 'date']], links, 'ON CONFLICT DO NOTHING');
  const events = input.items.flatMap((d) => d.events.map((e) => [null, ids.get(d.originKey)!, e.status, isoDay(e.date), 'DAY', e.note, e.sourceUrl ?? null]));
  await insertRows(
    tx,
    'designation_event',
    [['id', 'text', 'gen_random_uuid()::text'], ['designation_id', 'text'], ['status', '"DesignationStatus"'], ['date', 'date'], ['date_precision', '"DatePrecision"'], ['note', 'text'], ['source_url', 'text']],
    events,
    'ON CONFLICT DO NOTHING',
  );

  return { designationsCreated: toCreate.length, designationsUpdated: updated, designationsUnchanged: input.items.length - toCreate.length - updated };
}
