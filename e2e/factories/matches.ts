// A pending cross-list match for the review-queue specs, written straight into this run's database:
// two people of two lists (their own unique names), one designation each, one candidate.
import { randomBytes, randomUUID } from 'node:crypto';
import { withDb } from './sessions';

export type MatchFixture = { candidateId: string; a: { id: string; name: string }; b: { id: string; name: string }; tag: string };

export async function createMatchFixture(): Promise<MatchFixture> {
  const tag = randomBytes(3).toString('hex');
  const a = { id: randomUUID(), name: `E2E Petrov Ivan ${tag}` };
  const b = { id: randomUUID(), name: `E2E Ivan Petrov ${tag}` };
  const candidateId = randomUUID();
  await withDb(async (c) => {
    await c.query('BEGIN');
    for (const [e, authority, source] of [
      [a, 'US-OFAC', 'e2e-ofac'],
      [b, 'UK', 'e2e-uk'],
    ] as const) {
      await c.query(`INSERT INTO entity (id, schema, name, countries, birth_date, birth_date_precision, updated_at) VALUES ($1, 'Person', $2, ARRAY['ru'], '1970-03-12', 'DAY', now())`, [e.id, e.name]);
      await c.query(`INSERT INTO external_id (id, entity_id, source, external_id) VALUES ($1, $2, $3, $4)`, [randomUUID(), e.id, source, `${tag}-${e.id.slice(0, 4)}`]);
      await c.query(
        `INSERT INTO designation (id, entity_id, authority_id, listing_date, listing_date_precision, source_url, origin, origin_key, updated_at)
         VALUES ($1, $2, $3, '2023-02-24', 'DAY', 'https://example.org/e2e-fixture', 'e2e-fixture', $1, now())`,
        [randomUUID(), e.id, authority],
      );
    }
    const [x, y] = a.id < b.id ? [a, b] : [b, a];
    await c.query(`INSERT INTO match_candidate (id, entity_a_id, entity_b_id, score, reason) VALUES ($1, $2, $3, 0.9, $4)`, [candidateId, x.id, y.id, `same name "e2e ivan petrov ${tag}", country ru, born/incorporated 1970-03-12`]);
    await c.query('COMMIT');
  });
  return { candidateId, a, b, tag };
}
