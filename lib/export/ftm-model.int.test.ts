// The FtM export of the seeded data (every list, resolved into clusters) against the FollowTheMoney
// model its authors publish (@alephdata/followthemoney): known schemata and properties, country
// codes the model knows, dates as FtM writes them, and no reference to an entity the export lacks.
import { describe, expect, it } from 'vitest';
import { Model, defaultModel } from '@alephdata/followthemoney';
import { exportFtm, FTM_SCHEMA_IDENTIFIERS } from './ftm';

type Obj = { id: string; schema: string; properties: Record<string, string[]> };

describe('FtM export of the seeded data', () => {
  it('knows which identifier properties each schema has, as the model does', () => {
    const model = new Model(defaultModel);
    const candidates = new Set(Object.values(FTM_SCHEMA_IDENTIFIERS).flatMap((s) => [...s]).concat(['kppCode', 'imoNumber', 'mmsi', 'passportNumber', 'callSign', 'serialNumber']));
    for (const [schema, props] of Object.entries(FTM_SCHEMA_IDENTIFIERS)) {
      expect([...candidates].filter((p) => model.getSchema(schema).hasProperty(p)).sort(), schema).toEqual([...props].sort());
    }
  });

  it('validates against the FollowTheMoney model', async () => {
    const model = new Model(defaultModel);
    const countries = new Set(Object.keys(defaultModel.types.country?.values ?? {}));
    expect(countries.has('ir')).toBe(true);
    const ids = new Set<string>();
    const refs: Array<{ from: string; prop: string; to: string }> = [];
    const problems = new Map<string, number>();
    const problem = (what: string) => problems.set(what, (problems.get(what) ?? 0) + 1);
    let n = 0;
    for await (const line of exportFtm()) {
      const o = JSON.parse(line) as Obj;
      n++;
      if (ids.has(o.id)) problem(`duplicate id`);
      ids.add(o.id);
      const schema = model.schemata[o.schema];
      if (!schema) {
        problem(`unknown schema ${o.schema}`);
        continue;
      }
      for (const [prop, values] of Object.entries(o.properties)) {
        const p = schema.hasProperty(prop) ? schema.getProperty(prop) : null;
        if (!p) {
          problem(`${o.schema}.${prop}: not a property of the schema`);
          continue;
        }
        for (const v of values) {
          if (p.type.name === 'country' && !countries.has(v)) problem(`${o.schema}.${prop}: "${v}" is not a country code of the model`);
          if (p.type.name === 'date' && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) problem(`${o.schema}.${prop}: "${v}" is not a date`);
          if (p.type.name === 'entity') refs.push({ from: o.id, prop: `${o.schema}.${prop}`, to: v });
        }
      }
    }
    for (const r of refs) if (!ids.has(r.to)) problem(`${r.prop}: dangling reference`);
    expect(n).toBeGreaterThan(20_000);
    expect(Object.fromEntries(problems)).toEqual({});
  }, 300_000);
});
