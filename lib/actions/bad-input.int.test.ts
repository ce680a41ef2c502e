// The bad-input corpus (test/fixtures/bad-input.ts) through every server action's real path
// (runAction: principal from a real user row → permission → zod → database): every case is a 4xx
// naming the field and the problem, never a 5xx, and changes nothing — row counts of every table
// and the audit log after each case, and a row-by-row hash of every table after the whole corpus.
// The hostile-looking but valid cases are stored exactly as typed and defused in CSV.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { prisma } from '../db/client';
import { callAs, expectOk, realPrincipal } from '../../test/actions';
import type { Principal } from '../auth/permissions';
import type { ActionResult } from './safe-action';
import * as records from './records';
import * as users from './users';
import * as tokens from './api-tokens';
import * as views from './saved-views';
import * as matches from './matches';
import { csvCell } from '../export/csv-cell';
import { hashTables } from '../db/backup';
import { pgConfigFromUrl } from '../db/url';
import { ACCEPT_CASES, ACTION_CASES, ACTION_NAMES, type ActionName, type Ctx } from '../../test/fixtures/bad-input';

const url = inject('databaseUrl');
const SRC = 'https://www.federalregister.gov/d/2022-24946';

type Defined = Parameters<typeof callAs>[1];
const MODULES = { ...records, ...users, ...tokens, ...views, ...matches } as unknown as Record<string, Defined>;
const ACTIONS = Object.fromEntries(ACTION_NAMES.map((n) => [n, MODULES[n]!])) as Record<ActionName, Defined>;

let admin: Principal;
let ctx: Ctx;
let startedAt: Date;
const db = new pg.Client(pgConfigFromUrl(url));

/** Row counts of every table (one statement) — the audit log included. */
async function counts(): Promise<Record<string, number>> {
  const { rows: tables } = await db.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY 1`);
  const { rows } = await db.query<{ t: string; n: number }>(tables.map(({ t }) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"`).join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

const saved = (r: ActionResult<unknown>) => expectOk(r) as { id: string; version: number };

beforeAll(async () => {
  startedAt = new Date();
  await db.connect();
  admin = await realPrincipal('ADMIN', 'corpus-admin@example.org');
  const run = (name: ActionName, input: unknown) => callAs(admin, ACTIONS[name], input);
  const entity = saved(await run('createEntity', { schema: 'Company', name: 'Corpus fixture A', acknowledgeDuplicates: true }));
  const entity2 = saved(await run('createEntity', { schema: 'Company', name: 'Corpus fixture B', acknowledgeDuplicates: true }));
  const milestone = saved(await run('createMilestone', { title: 'Corpus fixture milestone', category: 'DIPLOMATIC', date: '2021', sourceUrl: SRC }));
  const designation = saved(await run('createDesignation', { entityId: entity.id, authorityId: 'EU', listingDate: '2022-11-15', status: 'LISTED', sourceUrl: SRC }));
  const authority = saved(await run('createAuthority', { id: 'CORPUS-FIX', name: 'Corpus fixture authority', shortName: 'Corpus' }));
  const program = saved(await run('createProgram', { authorityId: 'EU', code: 'CORPUS-FIX' }));
  const weaponsProgram = saved(await run('createWeaponsProgram', { name: 'Corpus fixture drone', type: 'drone', sourceUrls: SRC }));
  const participant = saved(await run('createParticipant', { entityId: entity.id, weaponsProgramId: weaponsProgram.id, role: 'DEVELOPER', sourceUrl: SRC }));
  const supplyLink = saved(await run('createSupplyLink', { supplierId: entity.id, recipientId: entity2.id, componentCategory: 'ENGINES', sourceUrl: SRC }));
  const relationship = saved(await run('createRelationship', { subjectId: entity.id, type: 'OWNERSHIP', objectId: entity2.id, sourceUrl: SRC }));
  const sanctionsCase = saved(await run('createCase', { title: 'Corpus fixture case', actionIds: 'us-2022-09-08' }));
  const created = expectOk(await run('createUser', { email: `corpus-${Date.now()}@example.org`, role: 'ANALYST' })) as { id: string };
  const user = { id: created.id, version: (await prisma.user.findUniqueOrThrow({ where: { id: created.id } })).version };
  const savedView = (expectOk(await run('saveView', { name: 'Corpus view', path: '/', query: 'authority=EU' })) as { id: string }).id;
  const token = (expectOk(await run('createToken', { name: 'Corpus token' })) as { record: { id: string } }).record.id;
  ctx = { entity, entity2, milestone, designation, authority, program, weaponsProgram, participant, supplyLink, relationship, sanctionsCase, user, savedView, token };
}, 120_000);

// NOTE: other integration files count seeded rows (milestones, weapons programs…): what this file
// created goes again. Audit events stay (append-only).
afterAll(async () => {
  const since = { createdAt: { gte: startedAt } };
  await prisma.supplyLink.deleteMany({ where: since });
  await prisma.relationship.deleteMany({ where: since });
  await prisma.programParticipant.deleteMany({ where: since });
  await prisma.designation.deleteMany({ where: since });
  await prisma.weaponsProgram.deleteMany({ where: since });
  await prisma.sanctionsCase.deleteMany({ where: since });
  await prisma.milestone.deleteMany({ where: since });
  await prisma.sanctionsProgram.deleteMany({ where: since });
  await prisma.entity.deleteMany({ where: since });
  await prisma.authority.deleteMany({ where: { id: 'CORPUS-FIX' } });
  await prisma.savedView.deleteMany({ where: since });
  await db.end();
});

describe('bad-input corpus through the server actions', () => {
  it('has at least 200 cases and covers every action that takes input', () => {
    expect(ACTION_CASES.length).toBeGreaterThanOrEqual(200);
    expect(new Set(ACTION_CASES.map((c) => c.id)).size).toBe(ACTION_CASES.length);
    for (const name of ACTION_NAMES) expect(ACTION_CASES.some((c) => c.action === name), name).toBe(true);
    // A new action exported from lib/actions must be added to the corpus.
    // (The form-bound twins, `…Action`, parse FormData into the same schema as the action they wrap.)
    const exported = [records, users, tokens, views, matches].flatMap((m) => Object.entries(m).filter(([k, v]) => typeof v === 'function' && 'schema' in v && !k.endsWith('Action')).map(([k]) => k));
    expect(exported.filter((n) => !(ACTION_NAMES as readonly string[]).includes(n)).sort()).toEqual([]);
  });

  it('answers every case with a 4xx naming the problem and changes nothing', async () => {
    const before = await counts();
    const hashBefore = await hashTables(url);
    const failures: string[] = [];
    // Row counts after every 10th case (counting every table costs ~40 ms; after each of ~800
    // cases that was half a minute): a change names its window of cases, and the hash at the end
    // catches anything a count would not.
    let window: string[] = [];
    for (const [i, c] of ACTION_CASES.entries()) {
      const r = await callAs(admin, ACTIONS[c.action], c.input(ctx));
      window.push(c.id);
      if (i % 10 === 9 || i === ACTION_CASES.length - 1) {
        const after = await counts();
        const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
        if (changed.length) failures.push(`one of ${window.join(', ')}: changed row counts of ${changed.join(', ')}`);
        window = [];
      }
      if (r.ok) {
        failures.push(`${c.id}: accepted (expected ${c.expect.status})`);
        continue;
      }
      if (r.status !== c.expect.status) failures.push(`${c.id}: status ${r.status} (expected ${c.expect.status}): ${r.error} ${JSON.stringify(r.fieldErrors)}`);
      const messages = c.expect.field
        ? Object.entries(r.fieldErrors ?? {})
            .filter(([k]) => k === c.expect.field || k.startsWith(`${c.expect.field}.`))
            .flatMap(([, m]) => m)
        : [r.error];
      if (!messages.some((m) => c.expect.message.test(m))) failures.push(`${c.id}: no message on ${c.expect.field ?? 'the request'} matching ${c.expect.message} (got ${r.error} ${JSON.stringify(r.fieldErrors)})`);
      if (/prisma|SQLSTATE|at .+\.ts:\d+|stack/i.test(JSON.stringify(r))) failures.push(`${c.id}: leaks internals: ${JSON.stringify(r).slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
    expect(await hashTables(url)).toEqual(hashBefore);
  }, 600_000);

  it('stores hostile-looking valid input exactly and defuses it in CSV', async () => {
    const before = await counts();
    for (const c of ACCEPT_CASES) {
      const r = await callAs(admin, ACTIONS[c.action], c.input(ctx));
      const data = expectOk(r) as { id?: string; record?: { id: string } };
      const id = data.record?.id ?? data.id!;
      const row =
        c.action === 'createEntity'
          ? await prisma.entity.findUniqueOrThrow({ where: { id } })
          : c.action === 'createMilestone'
            ? await prisma.milestone.findUniqueOrThrow({ where: { id } })
            : c.action === 'saveView'
              ? await prisma.savedView.findUniqueOrThrow({ where: { id } })
              : await prisma.apiToken.findUniqueOrThrow({ where: { id } });
      for (const [field, value] of Object.entries(c.stored)) {
        expect((row as Record<string, unknown>)[field], c.id).toBe(value);
        const cell = csvCell(value);
        if (/^[=+\-@]/.test(value)) expect(cell, c.id).toMatch(/^"?'/);
      }
    }
    const after = await counts();
    expect(after.entity).toBe(before.entity! + ACCEPT_CASES.filter((c) => c.action === 'createEntity').length);
    expect(after.audit_event).toBe(before.audit_event! + ACCEPT_CASES.length);
  });
});
