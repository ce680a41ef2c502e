// Records with hostile names, for the export and escaping specs: markup, quotes, ampersands,
// spreadsheet formula prefixes, right-to-left text and emoji. Dated in 2031, outside every default
// view, so specs running beside this one never see them; the milestone is deleted afterwards.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { pgConfigFromUrl } from '../../lib/db/url';
import { runState } from '../run-state';

const SRC = 'https://example.org/e2e-hostile';

export type HostileFixture = {
  tag: string;
  entity: { id: string; name: string };
  program: { slug: string; name: string };
  milestone: { slug: string; title: string };
  /** The overview's query that shows them: month bins around the designation and the milestone. */
  view: string;
  cleanup: () => Promise<void>;
};

export async function createHostileFixture(): Promise<HostileFixture> {
  const tag = randomBytes(3).toString('hex');
  const entity = { id: randomUUID(), name: `=HYPERLINK("http://evil.example","x") <script>window.__xss=1</script><img src=x onerror="window.__xss=2"> & "Co" 'Ltd' שלום عربي 🚀 ${tag}` };
  const program = { slug: `e2e-hostile-${tag}`, name: `+Drone <b>&amp;</b> "Geran" @SUM(A1) גרן 🛩️ ${tag}` };
  const milestone = { slug: `e2e-hostile-${tag}`, title: `-2+3 <script>window.__xss=3</script> & "talks" 'end' מו״מ محادثات 🤝 ${tag}` };
  const client = new pg.Client(pgConfigFromUrl(runState().databaseUrl));
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO entity (id, schema, name, countries, updated_at) VALUES ($1, 'Company', $2, ARRAY['ir'], now())`, [entity.id, entity.name]);
    const programId = randomUUID();
    await client.query(`INSERT INTO weapons_program (id, slug, name, type, source_urls, updated_at) VALUES ($1, $2, $3, 'UAV', ARRAY[$4], now())`, [programId, program.slug, program.name, SRC]);
    await client.query(`INSERT INTO program_participant (id, entity_id, weapons_program_id, role, source_url, updated_at) VALUES ($1, $2, $3, 'MANUFACTURER', $4, now())`, [randomUUID(), entity.id, programId, SRC]);
    for (const [authority, date] of [
      ['EU', '2031-02-10'],
      ['UK', '2031-03-05'],
    ]) {
      await client.query(
        `INSERT INTO designation (id, entity_id, authority_id, listing_date, listing_date_precision, source_url, origin, origin_key, updated_at)
         VALUES ($1, $2, $3, $4::date, 'DAY', $5, 'e2e-hostile', $1, now())`,
        [randomUUID(), entity.id, authority, date, SRC],
      );
    }
    await client.query(`INSERT INTO milestone (id, slug, date, date_precision, title, category, source_url, updated_at) VALUES ($1, $2, '2031-02-20', 'DAY', $3, 'DIPLOMATIC', $4, now())`, [
      randomUUID(),
      milestone.slug,
      milestone.title,
      SRC,
    ]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    await client.end();
  }
  return {
    tag,
    entity,
    program,
    milestone,
    view: new URLSearchParams({ granularity: 'month', from: '2031-01', to: '2031-04', split: 'authority' }).toString(),
    cleanup: async () => {
      const c = new pg.Client(pgConfigFromUrl(runState().databaseUrl));
      await c.connect();
      try {
        await c.query(`UPDATE milestone SET deleted_at = now() WHERE slug = $1`, [milestone.slug]);
      } finally {
        await c.end();
      }
    },
  };
}
