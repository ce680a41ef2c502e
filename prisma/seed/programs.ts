// The program registry (data/programs/, curated with sources): titles, legal acts and pages of each
// authority's program codes, and the successions between codes. Programs are created when missing;
// their title, legal act, page and title source follow the registry (it is their source). Runs
// before the OFAC history and the official lists, whose renames it decides.
import type { PrismaClient } from '../../lib/db/generated/client';
import { parsePrograms, parseSuccessions, type ProgramEntry, type Succession } from '../../lib/programs/registry';
import { readText } from './files';
import type { SeedReport } from './util';

export const readProgramRegistry = (): ProgramEntry[] => parsePrograms(readText('programs', 'programs.csv'));
export const readSuccessions = (): Succession[] => parseSuccessions(readText('programs', 'successions.csv'));

export async function seedPrograms(db: PrismaClient): Promise<SeedReport> {
  const programs = readProgramRegistry();
  const successions = readSuccessions();
  return db.$transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    const existing = new Map((await tx.sanctionsProgram.findMany({ select: { id: true, authorityId: true, code: true, title: true, legalBasis: true, url: true, titleSource: true } })).map((p) => [`${p.authorityId}|${p.code}`, p]));
    const ids = new Map<string, string>();
    for (const p of programs) {
      const data = { title: p.title, legalBasis: p.legalAct, url: p.url, titleSource: p.sourceUrl };
      const old = existing.get(`${p.authorityId}|${p.code}`);
      if (!old) {
        const row = await tx.sanctionsProgram.create({ data: { authorityId: p.authorityId, code: p.code, ...data }, select: { id: true } });
        ids.set(`${p.authorityId}|${p.code}`, row.id);
        created++;
      } else {
        ids.set(`${p.authorityId}|${p.code}`, old.id);
        if (old.title !== data.title || old.legalBasis !== data.legalBasis || old.url !== data.url || old.titleSource !== data.titleSource) {
          await tx.sanctionsProgram.update({ where: { id: old.id }, data: { ...data, version: { increment: 1 } } });
          updated++;
        }
      }
    }
    let successionsCreated = 0;
    for (const s of successions) {
      const fromId = ids.get(`${s.authorityId}|${s.fromCode}`);
      const toId = ids.get(`${s.authorityId}|${s.toCode}`);
      if (!fromId || !toId) throw new Error(`data/programs/successions.csv: ${s.authorityId} ${s.fromCode} → ${s.toCode}: both codes must be in programs.csv`);
      const date = new Date(`${s.date}T00:00:00Z`);
      const row = await tx.programSuccession.upsert({
        where: { fromId_toId_date: { fromId, toId, date } },
        create: { fromId, toId, date, kind: s.kind, sourceUrl: s.sourceUrl, note: s.note },
        update: { kind: s.kind, sourceUrl: s.sourceUrl, note: s.note },
        select: { id: true },
      });
      if (row) successionsCreated++;
    }
    return { dataset: 'programs', created, updated, unchanged: programs.length - created - updated, successions: successionsCreated, untitled: programs.filter((p) => !p.title).length };
  });
}
