import 'server-only';
// Reading the database for export (lib/export/*): entities with their names, identifiers, source ids
// and designations, page by page (bounded memory), then the relationships between them.
import type { PrismaClient, Prisma } from './generated/client';
import { defaultDb } from './imports';

export type ExportFilter = { authorityId?: string | null };

const entityInclude = {
  aliases: { select: { name: true, kind: true }, orderBy: [{ kind: 'asc' }, { name: 'asc' }] },
  identifiers: { select: { type: true, value: true, country: true }, orderBy: [{ type: 'asc' }, { value: 'asc' }] },
  externalIds: { select: { source: true, externalId: true }, orderBy: [{ source: 'asc' }, { externalId: 'asc' }] },
  designations: {
    where: { deletedAt: null },
    orderBy: [{ origin: 'asc' }, { originKey: 'asc' }],
    include: { authority: { select: { id: true, name: true, country: true } }, programs: { include: { program: { select: { code: true, title: true, legalBasis: true, authorityId: true } } } } },
  },
} satisfies Prisma.EntityInclude;

export type ExportEntity = Prisma.EntityGetPayload<{ include: typeof entityInclude }>;
export type ExportRelationship = Prisma.RelationshipGetPayload<object>;

const where = (f: ExportFilter): Prisma.EntityWhereInput => ({
  deletedAt: null,
  mergedIntoId: null,
  ...(f.authorityId ? { designations: { some: { authorityId: f.authorityId, deletedAt: null } } } : {}),
});

/** Entities in pages of `pageSize`, in a stable order (keyset pagination on id). */
export async function* listEntitiesForExport(filter: ExportFilter = {}, db: PrismaClient = defaultDb(), pageSize = 1000): AsyncGenerator<ExportEntity> {
  let cursor: string | null = null;
  for (;;) {
    const page: ExportEntity[] = await db.entity.findMany({
      where: { ...where(filter), ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: pageSize,
      include: entityInclude,
    });
    for (const e of page) yield e;
    if (page.length < pageSize) return;
    cursor = page[page.length - 1]!.id;
  }
}

/** Relationships whose both ends are exported. */
export async function* listRelationshipsForExport(filter: ExportFilter = {}, db: PrismaClient = defaultDb(), pageSize = 2000): AsyncGenerator<ExportRelationship> {
  let cursor: string | null = null;
  for (;;) {
    const page: ExportRelationship[] = await db.relationship.findMany({
      where: { deletedAt: null, subject: where(filter), object: where(filter), ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: pageSize,
    });
    for (const r of page) yield r;
    if (page.length < pageSize) return;
    cursor = page[page.length - 1]!.id;
  }
}

/** The id an export gives each entity: its OpenSanctions id when it has one (see lib/export/ftm.ts). */
export async function listFtmIdsByEntity(db: PrismaClient = defaultDb()): Promise<Map<string, string>> {
  const rows = await db.externalId.findMany({ where: { source: 'opensanctions' }, select: { entityId: true, externalId: true }, orderBy: { externalId: 'asc' } });
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.entityId)) out.set(r.entityId, r.externalId);
  return out;
}
