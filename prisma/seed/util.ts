// Idempotent bulk writes for the seed: create what is missing, correct what the source changed,
// leave everything else (and every admin's edits to fields the source does not own) alone.
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../lib/db/generated/client';

type Tx = Prisma.TransactionClient;

export type SeedReport = Record<string, string | number>;

export async function inChunks<T>(items: T[], write: (chunk: T[]) => Promise<unknown>, size = 1000): Promise<void> {
  for (let i = 0; i < items.length; i += size) await write(items.slice(i, i + size));
}

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
        select: { id: true, originKey: true, listingDate: true, listingDateQualifier: true, startDate: true, endDate: true, status: true },
      })
    ).map((d) => [d.originKey, d]),
  );
  const toCreate = input.items.filter((d) => !existing.has(d.originKey)).map((d) => ({ ...d, id: randomUUID() }));
  await inChunks(toCreate, (chunk) =>
    tx.designation.createMany({
      data: chunk.map((d) => ({
        id: d.id,
        origin: input.origin,
        originKey: d.originKey,
        entityId: d.entityId,
        authorityId: d.authorityId,
        listingDate: d.listingDate,
        listingDatePrecision: d.listingDatePrecision,
        listingDateQualifier: d.listingDateQualifier ?? 'EXACT',
        startDate: d.startDate ?? null,
        startDatePrecision: d.startDatePrecision ?? null,
        endDate: d.endDate,
        endDatePrecision: d.endDatePrecision,
        status: d.status,
        reason: d.reason ?? null,
        measures: d.measures ?? [],
        legalAct: d.legalAct ?? null,
        authorityRecordId: d.authorityRecordId,
        sourceUrl: d.sourceUrl,
        isUncertain: d.isUncertain ?? false,
        note: d.note ?? null,
      })),
    }),
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
          status: d.status,
          version: { increment: 1 },
        },
      });
      updated++;
    }
  }

  const links = input.items.flatMap((d) => d.programs.map((p) => ({ designationId: ids.get(d.originKey)!, programId: p.programId, removedOn: p.removedOn })));
  await inChunks(links, (chunk) => tx.designationProgram.createMany({ data: chunk, skipDuplicates: true }), 5000);
  const events = input.items.flatMap((d) => d.events.map((e) => ({ designationId: ids.get(d.originKey)!, status: e.status, date: e.date, datePrecision: 'DAY' as const, note: e.note, sourceUrl: e.sourceUrl ?? null })));
  await inChunks(events, (chunk) => tx.designationEvent.createMany({ data: chunk, skipDuplicates: true }), 3000);

  return { designationsCreated: toCreate.length, designationsUpdated: updated, designationsUnchanged: input.items.length - toCreate.length - updated };
}
