// Cross-list resolution through the real import path (parser → loader → resolution), on files the
// test constructs (an OFAC SDN.CSV edition and an OpenSanctions FtM extract naming the same vessel,
// company and person): strong identifiers merge, a name + country + birth date match waits for an
// admin, a re-import changes nothing and proposes nothing twice, a rejected pair stays rejected.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from './generated/client';
import { connectDatabase } from './imports';
import { systemActor } from './audit';
import { runImport } from '../import/run';
import { freshImportDatabase, type FreshDb } from '../import/testing';
import { compatibleSchemas, normCountry } from './import-resolution';

const actor = systemActor('test:import');
let fresh: FreshDb;
let db: PrismaClient;
let dir: string;

// Constructed (no real file names these three twice): OFAC's SDN.CSV layout, 12 columns, no header.
const SDN = [
  `1001,"OCEAN STAR","vessel","IRAN",-0- ,"EPAB9","Crude Oil Tanker",-0- ,-0- ,"Iran","NITC","Vessel Registration Identification IMO 9123456; MMSI 422000000."`,
  `1002,"ALPHA TRADING LLC",-0- ,"RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Registration Number 1027700000001 (Russia); Tax ID No. 7701000001 (Russia)."`,
  `1003,"IVANOV, Petr Sergeevich","individual","RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 12 Mar 1970; nationality Russia; Gender Male."`,
  `1004,"BETA SHIPPING CO",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Registration Number 555000 (Russia)."`,
  `1005,"GAMMA AVIATION",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
].join('\r\n');

// Constructed: an OpenSanctions FtM extract (UK designations) of the same three, under other names.
const ftm = (e: object) => JSON.stringify(e);
const FTM = [
  ftm({ id: 'os-vessel-1', schema: 'Vessel', properties: { name: ['OCEAN STAR II'], imoNumber: ['IMO 9123456'], flag: ['ir'] } }),
  ftm({ id: 'os-company-1', schema: 'Company', properties: { name: ['Alpha Trading Limited Liability Company'], registrationNumber: ['1027700000001'], jurisdiction: ['ru'] } }),
  ftm({ id: 'os-person-1', schema: 'Person', properties: { name: ['Petr Sergeevich Ivanov'], birthDate: ['1970-03-12'], nationality: ['ru'] } }),
  // The same registration number issued by another country: not the same company.
  ftm({ id: 'os-company-2', schema: 'Company', properties: { name: ['Beta Shipping'], registrationNumber: ['555000'], jurisdiction: ['ae'] } }),
  // No identifier in common, but OpenSanctions says it was built from OFAC's entry 1005.
  ftm({ id: 'os-company-3', schema: 'Company', referents: ['ofac-1005'], properties: { name: ['Gamma Aviation Services Co'] } }),
  ...['os-vessel-1', 'os-company-1', 'os-person-1', 'os-company-2', 'os-company-3'].map((id, i) =>
    ftm({ id: `os-sanction-${i}`, schema: 'Sanction', properties: { entity: [id], authority: ['Office of Financial Sanctions Implementation'], country: ['gb'], program: ['RUS'], listingDate: ['2022-03-15'] } }),
  ),
].join('\n');

const importOfac = () => runImport({ format: 'ofac-sdn-csv', files: [path.join(dir, 'sdn-2024-01-02.csv')], actor, db });
const importFtm = () => runImport({ format: 'ftm', files: [path.join(dir, 'uk-extract.ftm.json')], actor, db });
const liveWith = (externalId: string) =>
  fresh.query<{ id: string; merged_into_id: string | null; designations: string; origins: string[] }>(
    `SELECT e.id, e.merged_into_id, (SELECT count(*) FROM designation d WHERE d.entity_id = e.id) designations,
       (SELECT array_agg(DISTINCT d.origin ORDER BY d.origin) FROM designation d WHERE d.entity_id = e.id) origins
     FROM external_id x JOIN entity e ON e.id = x.entity_id WHERE x.external_id = $1`,
    [externalId],
  );

beforeAll(async () => {
  fresh = await freshImportDatabase('st_res');
  db = connectDatabase(fresh.url);
  dir = mkdtempSync(path.join(tmpdir(), 'resolution-'));
  writeFileSync(path.join(dir, 'sdn-2024-01-02.csv'), SDN);
  writeFileSync(path.join(dir, 'uk-extract.ftm.json'), FTM);
}, 120_000);
afterAll(async () => {
  await db?.$disconnect();
  await fresh?.drop();
});

describe('cross-list resolution', () => {
  it('merges on strong identifiers and queues the weak match', async () => {
    const first = await importOfac();
    expect(first).toMatchObject({ created: 5, changed: 0 });
    expect(first.report.resolution).toEqual({ merged: 0, candidates: 0, conflicts: 0 });
    const second = await importFtm();
    expect(second.report.resolution).toEqual({ merged: 3, candidates: 1, conflicts: 0 });

    // The vessel: one entity (the OFAC one survives, the older), two designations from two lists.
    const [vessel] = await liveWith('os-vessel-1');
    const [ofacVessel] = await liveWith('1001');
    expect(vessel!.id).toBe(ofacVessel!.id);
    expect(vessel).toMatchObject({ merged_into_id: null, designations: '2', origins: ['ofac-sdn', 'opensanctions'] });
    const redirects = await fresh.query<{ name: string; merged_into_id: string }>(`SELECT name, merged_into_id FROM entity WHERE merged_into_id IS NOT NULL ORDER BY name`);
    expect(redirects.map((r) => r.name)).toEqual(['Alpha Trading Limited Liability Company', 'Gamma Aviation Services Co', 'OCEAN STAR II']);
    expect(await fresh.count(`SELECT count(*) FROM entity_alias WHERE entity_id = '${vessel!.id}' AND name = 'OCEAN STAR II'`)).toBe(1);

    // Company: same registration number, same issuing country (Russia = ru) → merged.
    const [company] = await liveWith('os-company-1');
    expect(company).toMatchObject({ merged_into_id: null, designations: '2' });
    // Same number, another country → neither merged nor proposed.
    const beta = await fresh.query<{ id: string }>(`SELECT e.id FROM entity e WHERE e.name IN ('BETA SHIPPING CO', 'Beta Shipping') AND merged_into_id IS NULL`);
    expect(beta).toHaveLength(2);

    // One audit event per merge, saying why.
    const events = await fresh.query<{ meta: { via: string; matchedOn: string[]; survivorId: string } }>(`SELECT meta FROM audit_event WHERE action = 'entity.merge' ORDER BY id`);
    expect(events.map((e) => e.meta.via)).toEqual(['import', 'import', 'import']);
    expect(events.flatMap((e) => e.meta.matchedOn).sort()).toEqual(['IMO number 9123456', 'OpenSanctions referent ofac-1005', 'registration number 1027700000001 (ru)']);

    // The person: same name (words in another order), country and birth date → a candidate, not a merge.
    const candidates = await fresh.query<{ status: string; score: number; reason: string; a: string; b: string }>(
      `SELECT m.status::text, m.score, m.reason, ea.name a, eb.name b FROM match_candidate m JOIN entity ea ON ea.id = m.entity_a_id JOIN entity eb ON eb.id = m.entity_b_id`,
    );
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({ status: 'PENDING', score: 0.9, reason: 'same name "ivanov petr sergeevich", country ru, born/incorporated 1970-03-12' });
    expect([candidates[0]!.a, candidates[0]!.b].sort()).toEqual(['IVANOV, Petr Sergeevich', 'Petr Sergeevich Ivanov']);
    expect(await fresh.count(`SELECT count(*) FROM entity WHERE merged_into_id IS NULL AND name ILIKE '%ivanov%'`)).toBe(2);

    const [run] = await fresh.query<{ report: { resolution: unknown } }>(`SELECT report FROM import_run WHERE format = 'ftm'`);
    expect(run!.report.resolution).toEqual({ merged: 3, candidates: 1, conflicts: 0 });
  });

  it('re-importing both lists changes nothing and proposes nothing again', async () => {
    const before = await fresh.counts();
    const candidates = await fresh.count(`SELECT count(*) FROM match_candidate`);
    const ofac = await importOfac();
    const os = await importFtm();
    expect(ofac).toMatchObject({ created: 0, changed: 0, lifted: 0, unchanged: 5 });
    expect(os).toMatchObject({ created: 0, changed: 0, lifted: 0, unchanged: 10 });
    expect(ofac.report.resolution).toEqual({ merged: 0, candidates: 0, conflicts: 0 });
    expect(os.report.resolution).toEqual({ merged: 0, candidates: 0, conflicts: 0 });
    const after = await fresh.counts();
    // Only the two runs' own audit events are new.
    expect({ ...after, audit_event: (after.audit_event ?? 0) - 2 }).toEqual(before);
    expect(await fresh.count(`SELECT count(*) FROM match_candidate`)).toBe(candidates);
  });

  it('a rejected pair is not proposed again', async () => {
    await fresh.query(`UPDATE match_candidate SET status = 'REJECTED', decided_at = now()`);
    await importFtm();
    await importOfac();
    expect(await fresh.query(`SELECT status::text FROM match_candidate`)).toEqual([{ status: 'REJECTED' }]);
  });

  it('a dry run resolves nothing (its entities are not written)', async () => {
    const r = await runImport({ format: 'ftm', files: [path.join(dir, 'uk-extract.ftm.json')], actor, db, dryRun: true });
    expect(r.report.resolution).toBeUndefined();
  });
});

describe('resolution rules', () => {
  it('compares countries by code and schemas by kind', () => {
    expect(normCountry('Russia')).toBe('ru');
    expect(normCountry(' RU ')).toBe('ru');
    expect(normCountry('')).toBeNull();
    expect(compatibleSchemas('Company', 'Organization')).toBe(true);
    expect(compatibleSchemas('Person', 'Organization')).toBe(false);
    expect(compatibleSchemas('Vessel', 'Airplane')).toBe(false);
  });
});
