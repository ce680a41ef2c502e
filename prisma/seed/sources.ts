// The official list sources (lib/sources/registry.ts) as list_source rows, DISABLED: a closed network
// is the common case, and an admin enables sync. Idempotent, and never overwrites an admin's edits:
// an existing row keeps enabled, schedule and urls (an admin may point a source at a local mirror);
// only the documented facts (name, format, official URLs, docs, where the edition date comes from)
// follow the registry.
import type { PrismaClient } from '../../lib/db/generated/client';
import { SOURCE_REGISTRY } from '../../lib/sources/registry';

export async function seedSources(db: PrismaClient) {
  let created = 0;
  let updated = 0;
  for (const s of SOURCE_REGISTRY) {
    const facts = { name: s.name, format: s.format, officialUrls: [...s.urls], docsUrl: s.docsUrl, editionDateFrom: s.editionDateFrom };
    const existing = await db.listSource.findUnique({ where: { id: s.id }, select: { name: true, format: true, officialUrls: true, docsUrl: true, editionDateFrom: true } });
    if (!existing) {
      await db.listSource.create({ data: { id: s.id, ...facts, urls: [...s.urls], schedule: s.schedule, enabled: false } });
      created++;
    } else if (JSON.stringify(existing) !== JSON.stringify({ name: facts.name, format: facts.format, officialUrls: facts.officialUrls, docsUrl: facts.docsUrl, editionDateFrom: facts.editionDateFrom })) {
      await db.listSource.update({ where: { id: s.id }, data: facts });
      updated++;
    }
  }
  return { dataset: 'sources', created, updated, unchanged: SOURCE_REGISTRY.length - created - updated };
}
