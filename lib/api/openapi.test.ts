import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { validate } from '@readme/openapi-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi';

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? routeFiles(p) : name === 'route.ts' ? [p] : [];
  });
}

describe('the OpenAPI document', () => {
  const doc = buildOpenApiDocument();
  const asOpenApi = (d: unknown) => structuredClone(d) as OpenAPIV3_1.Document;

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(asOpenApi(doc));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('is checked by a validator that does reject a broken document', async () => {
    const broken = asOpenApi(doc);
    (broken.paths!['/api/v1/entities']!.get!.responses as Record<string, unknown>)['200'] = { content: 'not an object' };
    expect((await validate(broken)).valid).toBe(false);
  });

  it('describes every route file under app/api/v1, and nothing else', () => {
    const v1 = path.join(import.meta.dirname, '..', '..', 'app', 'api', 'v1');
    const routes = routeFiles(v1).map((f) => `/api/v1/${path.relative(v1, path.dirname(f)).split(path.sep).map((s) => s.replace(/^\[(\w+)\]$/, '{$1}')).join('/')}`);
    expect(routes.length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(doc.paths as object).sort()).toEqual(routes.sort());
  });

  it('documents the query parameters from the zod schemas', () => {
    const paths = doc.paths as Record<string, { get: { parameters?: Array<{ name: string; schema: Record<string, unknown> }> } }>;
    const names = (p: string) => (paths[p]!.get.parameters ?? []).map((x) => x.name);
    expect(names('/api/v1/entities')).toEqual(expect.arrayContaining(['q', 'schema', 'country', 'authority', 'limit', 'cursor']));
    expect(names('/api/v1/designations')).toEqual(expect.arrayContaining(['authority', 'program', 'entity', 'from', 'to', 'limit', 'cursor']));
    expect(names('/api/v1/series')).toEqual(expect.arrayContaining(['granularity', 'basis', 'from', 'to', 'authority']));
    expect(paths['/api/v1/entities']!.get.parameters!.find((x) => x.name === 'limit')!.schema).toMatchObject({ maximum: 200 });
  });
});
