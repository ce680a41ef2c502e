// Cross-list resolution through the real import path (parser → normalisation → loader → resolver),
// on files the test constructs (an OFAC SDN.CSV edition and an OpenSanctions FtM extract naming the
// same vessel, company and person), then a split that sticks across re-imports and a full run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../generated/client';
import { connectDatabase } from '../imports';
import { systemActor } from '../audit';
import { runImport } from '../../import/run';
import { freshImportDatabase, type FreshDb } from '../../import/testing';
import { resolveEntities } from './resolve';
import { splitEntity } from './judgements';

const actor = systemActor('test:resolution');
let fresh: FreshDb;
let db: PrismaClient;
let dir: string;

// Constructed (no real file names these twice): OFAC's SDN.CSV layout, 12 columns, no header.
const SDN = [
  `1001,"OCEAN STAR","vessel","IRAN",-0- ,"EPAB9","Crude Oil Tanker",-0- ,-0- ,"Iran","NITC","Vessel Registration Identification IMO 9123456; MMSI 422000000."`,
  `1002,"ALPHA TRADING LLC",-0- ,"RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Registration Number 1027700000001 (Russia); Tax ID No. 7701000001 (Russia)."`,
  `1003,"IVANOV, Petr Sergeevich","individual","RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 12 Mar 1970; nationality Russia; Gender Male."`,
  `1004,"BETA SHIPPING CO",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Registration Number 555000 (Russia)."`,
  `1005,"GAMMA AVIATION",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `,
  // Namesakes on one list: one document never names one thing twice — never merged.
  `1006,"IVANOV, Petr Sergeevich","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1981; nationality Russia."`,
].join('\r\n');

const ftm = (e: object) => JSON.stringify(e);
const FTM = [
  ftm({ id: 'os-vessel-1', schema: 'Vessel', properties: { name: ['OCEAN STAR II'], imoNumber: ['IMO 9123456'], flag: ['ir'] } }),
  ftm({ id: 'os-company-1', schema: 'Company', properties: { name: ['Alpha Trading Limited Liability Company'], registrationNumber: ['1027700000001'], jurisdiction: ['ru'] } }),
  ftm({ id: 'os-person-1', schema: 'Person', properties: { name: ['Petr Sergeevich Ivanov'], birthDate: ['1970-03-12'], nationality: ['ru'] } }),
  // The same registration number issued by another country, another name: not the same company.
  ftm({ id: 'os-company-2', schema: 'Company', properties: { name: ['Delta Freight'], registrationNumber: ['555000'], jurisdiction: ['ae'] } }),
  // No identifier in common, but OpenSanctions says it was built from OFAC's entry 1005.
  ftm({ id: 'os-company-3', schema: 'Company', referents: ['ofac-1005'], properties: { name: ['Gamma Aviation Services Co'] } }),
  ...['os-vessel-1', 'os-company-1', 'os-person-1', 'os-company-2', 'os-company-3'].map((id, i) =>
    ftm({ id: `os-sanction-${i}`, schema: 'Sanction', properties: { entity: [id], authority: ['Office of Financial Sanctions Implementation'], country: ['gb'], program: ['RUS'], listingDate: ['2022-03-15'] } }),
  ),
].join('\n');

const importOfac = () => runImport({ format: 'ofac-sdn-csv', files: [path.join(dir, 'sdn-2024-01-02.csv')], actor, db });
const importFtm = () => runImport({ format: 'ftm', files: [path.join(dir, 'uk-extract.ftm.json')], actor, db });
const entityOf = async (source: string, externalId: string) =>
  (await fresh.query<{ entity_id: string }>(`SELECT entity_id FROM external_id WHERE source = $1 AND external_id = $2`, [source, externalId]))[0]!.entity_id;

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

describe('cross-list resolution after imports', () => {
  it('keeps each list record with its own values, and merges what the evidence says is one', async () => {
    const first = await importOfac();
    expect(first).toMatchObject({ created: 6, changed: 0 });
    // Namesakes of one document are never merged.
    expect(first.report.resolution?.merged).toBe(0);
    expect(await entityOf('ofac-sdn', '1003')).not.toBe(await entityOf('ofac-sdn', '1006'));
    // The record keeps what OFAC says, normalised: countries as codes, identifiers typed, raw words beside.
    const [rec] = await fresh.query<{ document: string; authority_id: string; name: string; properties: { countries: string[]; identifiers: Array<{ type: string; key: string; country: string; countryRaw: string }> } }>(
      `SELECT document, authority_id, name, properties FROM external_id WHERE external_id = '1002'`,
    );
    expect(rec).toMatchObject({ document: 'ofac-sdn', authority_id: 'US-OFAC', name: 'ALPHA TRADING LLC' });
    expect(rec!.properties.identifiers).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'registrationNumber', key: '1027700000001', country: 'ru', countryRaw: 'Russia' })]));

    const second = await importFtm();
    expect(second.report.resolution!.merged).toBeGreaterThanOrEqual(3);
    // Vessel (same IMO, renamed), company (same registration number and country), OpenSanctions referent.
    expect(await entityOf('opensanctions', 'os-vessel-1')).toBe(await entityOf('ofac-sdn', '1001'));
    expect(await entityOf('opensanctions', 'os-company-1')).toBe(await entityOf('ofac-sdn', '1002'));
    expect(await entityOf('opensanctions', 'os-company-3')).toBe(await entityOf('ofac-sdn', '1005'));
    // Same number, another country and another name → not merged.
    expect(await entityOf('opensanctions', 'os-company-2')).not.toBe(await entityOf('ofac-sdn', '1004'));
    // The older entity survives; the merged one redirects; each merge is audited with its evidence.
    const vessel = await entityOf('ofac-sdn', '1001');
    expect(await fresh.count(`SELECT count(*) FROM designation WHERE entity_id = '${vessel}'`)).toBe(2);
    const events = await fresh.query<{ meta: { via: string; evidence?: string[] } }>(`SELECT meta FROM audit_event WHERE action = 'entity.merge'`);
    expect(events.length).toBe(second.report.resolution!.merged);
    expect(events.every((e) => e.meta.via === 'resolution')).toBe(true);
    expect(events.flatMap((e) => e.meta.evidence ?? []).join(' ')).toMatch(/9123456/);
    // The person with the same name, DOB and nationality is one with OFAC's 1003 (merged or queued), never with 1006 (born 1981).
    const person = await entityOf('opensanctions', 'os-person-1');
    expect(person).not.toBe(await entityOf('ofac-sdn', '1006'));
    const queued = await fresh.count(`SELECT count(*) FROM match_candidate WHERE '${person}' IN (entity_a_id, entity_b_id)`);
    expect(person === (await entityOf('ofac-sdn', '1003')) || queued > 0).toBe(true);
  });

  it('re-importing both lists changes nothing and proposes nothing again', async () => {
    const before = await fresh.counts();
    const candidates = await fresh.count(`SELECT count(*) FROM match_candidate`);
    const ofac = await importOfac();
    const os = await importFtm();
    expect(ofac).toMatchObject({ created: 0, changed: 0, lifted: 0, unchanged: 6 });
    expect(os).toMatchObject({ created: 0, changed: 0, lifted: 0 });
    expect(ofac.report.resolution).toEqual({ merged: 0, candidates: 0, conflicts: 0 });
    expect(os.report.resolution).toEqual({ merged: 0, candidates: 0, conflicts: 0 });
    const after = await fresh.counts();
    expect({ ...after, audit_event: (after.audit_event ?? 0) - 2 }).toEqual(before);
    expect(await fresh.count(`SELECT count(*) FROM match_candidate`)).toBe(candidates);
  });

  it('a split sticks: across both lists\u2019 re-imports and a full run; the original id comes back', async () => {
    const vessel = await entityOf('ofac-sdn', '1001');
    const [osRecord] = await fresh.query<{ id: string; original_entity_id: string }>(`SELECT id, original_entity_id FROM external_id WHERE external_id = 'os-vessel-1'`);
    expect(osRecord!.original_entity_id).not.toBe(vessel);
    const result = await db.$transaction((tx) => splitEntity(tx, actor, { entityId: vessel, recordIds: [osRecord!.id], reason: 'test: two ships' }));
    expect(result).toMatchObject({ revived: true, newEntityId: osRecord!.original_entity_id, records: 1, designations: 1 });
    expect(await entityOf('opensanctions', 'os-vessel-1')).toBe(osRecord!.original_entity_id);
    expect(await fresh.count(`SELECT count(*) FROM entity WHERE id = '${osRecord!.original_entity_id}' AND merged_into_id IS NULL`)).toBe(1);
    // It takes its designation and the IMO number it gave.
    expect(await fresh.count(`SELECT count(*) FROM designation WHERE entity_id = '${result.newEntityId}'`)).toBe(1);
    expect(await fresh.count(`SELECT count(*) FROM identifier WHERE entity_id = '${result.newEntityId}' AND type = 'imoNumber'`)).toBe(1);
    expect(await fresh.count(`SELECT count(*) FROM resolution_judgement WHERE NOT same AND via = 'split'`)).toBe(1);
    expect(await fresh.count(`SELECT count(*) FROM audit_event WHERE action = 'entity.split'`)).toBe(1);

    await importOfac();
    await importFtm();
    const full = await db.$transaction((tx) => resolveEntities(tx, { actor }), { timeout: 120_000 });
    expect(full.merged).toBe(0);
    expect(await entityOf('opensanctions', 'os-vessel-1')).not.toBe(await entityOf('ofac-sdn', '1001'));
  });

  it('a dry run resolves nothing (its entities are not written)', async () => {
    const r = await runImport({ format: 'ftm', files: [path.join(dir, 'uk-extract.ftm.json')], actor, db, dryRun: true });
    expect(r.report.resolution).toBeUndefined();
  });
});
