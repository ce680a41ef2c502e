// Test data for e2e specs, written straight into this run's database (e2e/.state/run.json): each
// call makes its own uniquely named rows, so specs never share or depend on each other's data.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { pgConfigFromUrl } from '../lib/db/url';
import { runState } from './run-state';

const SRC = 'https://example.org/e2e-fixture';

export type ExploreFixture = { slug: string; programName: string; maker: { id: string; name: string }; supplier: { id: string; name: string }; mergedId: string };

/**
 * A weapons program with a manufacturer (listed by the UK on 10 Jan 2023 and the EU on 25 Feb 2023:
 * the EU followed 46 days later) and an engine supplier the EU listed on 1 Mar 2023 and the UK never;
 * plus a duplicate record of the maker merged into it.
 */
export async function createExploreFixture(): Promise<ExploreFixture> {
  const tag = randomBytes(3).toString('hex');
  const client = new pg.Client(pgConfigFromUrl(runState().databaseUrl));
  await client.connect();
  try {
    const maker = { id: randomUUID(), name: `E2E Zarrin Maker ${tag}` };
    const supplier = { id: randomUUID(), name: `E2E Engine Supplier ${tag}` };
    const programId = randomUUID();
    const slug = `e2e-drone-${tag}`;
    const programName = `E2E Drone ${tag}`;
    await client.query('BEGIN');
    for (const e of [maker, supplier]) {
      await client.query(`INSERT INTO entity (id, schema, name, countries, updated_at) VALUES ($1, 'Company', $2, ARRAY['ir'], now())`, [e.id, e.name]);
    }
    const mergedId = randomUUID();
    await client.query(`INSERT INTO entity (id, schema, name, merged_into_id, updated_at) VALUES ($1, 'Company', $2, $3, now())`, [mergedId, `${maker.name} (duplicate)`, maker.id]);
    await client.query(`INSERT INTO weapons_program (id, slug, name, type, source_urls, updated_at) VALUES ($1, $2, $3, 'UAV', ARRAY[$4], now())`, [programId, slug, programName, SRC]);
    for (const [entityId, role] of [
      [maker.id, 'MANUFACTURER'],
      [supplier.id, 'COMPONENT_SUPPLIER'],
    ]) {
      await client.query(`INSERT INTO program_participant (id, entity_id, weapons_program_id, role, source_url, updated_at) VALUES ($1, $2, $3, $4::"ParticipantRole", $5, now())`, [randomUUID(), entityId, programId, role, SRC]);
    }
    await client.query(`INSERT INTO supply_link (id, supplier_id, recipient_id, component_category, weapons_program_id, source_url, updated_at) VALUES ($1, $2, $3, 'ENGINES', $4, $5, now())`, [randomUUID(), supplier.id, maker.id, programId, SRC]);
    for (const [entityId, authority, date] of [
      [maker.id, 'UK', '2023-01-10'],
      [maker.id, 'EU', '2023-02-25'],
      [supplier.id, 'EU', '2023-03-01'],
    ]) {
      await client.query(
        `INSERT INTO designation (id, entity_id, authority_id, listing_date, listing_date_precision, source_url, origin, origin_key, updated_at)
         VALUES ($1, $2, $3, $4::date, 'DAY', $5, 'e2e-fixture', $1, now())`,
        [randomUUID(), entityId, authority, date, SRC],
      );
    }
    await client.query('COMMIT');
    return { slug, programName, maker, supplier, mergedId };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    await client.end();
  }
}
