// The OpenAPI 3.1 document of the read API, generated from the same zod schemas that validate the
// queries and shape the responses (zod's JSON Schema output is draft 2020-12, OpenAPI 3.1's dialect).
import { z } from 'zod';
import { dashboardQuerySchema } from '../validation/dashboard';
import {
  designationProgramSchema,
  designationSchema,
  designationsQuerySchema,
  entitiesQuerySchema,
  entityDetailSchema,
  entitySummarySchema,
  errorSchema,
  milestoneSchema,
  milestonesQuerySchema,
  pageSchema,
  searchQuerySchema,
  searchResponseSchema,
  seriesResponseSchema,
  eventStudyResponseSchema,
  dataAsOfSchema,
  savedViewResponseSchema,
} from '../validation/api-v1';
import { eventStudyApiQuerySchema } from '../validation/event-study';
import { changeSchema, changesQuerySchema } from '../validation/changes';

type JsonObject = Record<string, unknown>;

const registry = z.registry<{ id: string }>();
// Every data answer carries `asOf` (issue 26), added by the route handlers beside the data's own shape.
const withAsOf = <T extends z.ZodObject>(schema: T) => schema.extend({ asOf: dataAsOfSchema });
const COMPONENTS = {
  EntitySummary: entitySummarySchema,
  EntityDetail: withAsOf(entityDetailSchema),
  Designation: designationSchema,
  DesignationProgram: designationProgramSchema,
  Milestone: milestoneSchema,
  SeriesResponse: withAsOf(seriesResponseSchema),
  SearchResponse: withAsOf(searchResponseSchema),
  EventStudyResponse: withAsOf(eventStudyResponseSchema),
  DataAsOf: dataAsOfSchema,
  SavedView: savedViewResponseSchema,
  Error: errorSchema,
  EntityPage: withAsOf(pageSchema(entitySummarySchema)),
  DesignationPage: withAsOf(pageSchema(designationSchema)),
  MilestonePage: withAsOf(pageSchema(milestoneSchema)),
  Change: changeSchema,
  ChangePage: withAsOf(pageSchema(changeSchema)),
} as const;
for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });

type ComponentName = keyof typeof COMPONENTS;

function stripDialect(schema: JsonObject): JsonObject {
  const { $schema: _s, $id: _i, ...rest } = schema;
  void _s;
  void _i;
  return rest;
}

/** The z.object behind a query schema (through refinements, a final transform or a preprocess). */
function queryShape(schema: z.ZodType): Record<string, z.ZodType> {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  if (schema instanceof z.ZodPipe) {
    const inner = [schema.in, schema.out].find((s) => s instanceof z.ZodObject || s instanceof z.ZodPipe);
    if (inner) return queryShape(inner as z.ZodType);
  }
  throw new Error('query schemas must be objects');
}

function queryParameters(schema: z.ZodType): JsonObject[] {
  return Object.entries(queryShape(schema)).map(([name, field]) => {
    const json = stripDialect(z.toJSONSchema(field, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonObject);
    const { description, ...rest } = json;
    const isList = Array.isArray(rest.anyOf);
    return {
      name,
      in: 'query',
      required: false,
      ...(typeof description === 'string' ? { description } : {}),
      // Lists: repeat the parameter (?authority=EU&authority=UK).
      ...(isList ? { style: 'form', explode: true } : {}),
      schema: rest,
    };
  });
}

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: ComponentName, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });

const ERRORS = {
  '401': json('Error', 'No session and no valid API token (unknown or revoked token, or disabled user)'),
  '429': {
    ...json('Error', 'Rate limit reached for this token (or user)'),
    headers: { 'Retry-After': { description: 'Seconds until the window resets', schema: { type: 'integer', minimum: 1 } } },
  },
};
const INVALID = { '422': json('Error', 'A query parameter is not valid; `fieldErrors` says which and why') };

type Endpoint = { path: string; summary: string; description?: string; query?: z.ZodType; pathParams?: JsonObject[]; ok: JsonObject; extra?: JsonObject };

export const ENDPOINTS: Endpoint[] = [
  { path: '/api/v1/entities', summary: 'List entities', description: 'Entities (people, companies, vessels…) not deleted or merged away, ordered by normalised name.', query: entitiesQuerySchema, ok: json('EntityPage', 'A page of entities') },
  {
    path: '/api/v1/search',
    summary: 'Search entities',
    description:
      'Entities whose name or alias matches `q` as the Entities page searches: substrings, trigram similarity (misspellings; every word of the query must be like one of the name’s words) and transliteration variants (Qods/Quds/Ghods, Mohammad/Muhammed), best first (at equal score, an entity’s own name before another entity’s alias), with facet counts over all matches.',
    query: searchQuerySchema,
    ok: json('SearchResponse', 'The best matches'),
  },
  {
    path: '/api/v1/entities/{id}',
    summary: 'One entity',
    description: 'An entity with its aliases, identifiers, external ids and designations.',
    pathParams: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    ok: json('EntityDetail', 'The entity'),
    extra: { '404': json('Error', 'No entity with this id') },
  },
  {
    path: '/api/v1/designations',
    summary: 'List designations',
    description:
      'Designations ordered by listing date (undated last), then id. A date known only as a bound says so: `listingDateQualifier` ON_OR_BEFORE (already listed when the history starts), `endDateQualifier` ON_OR_BEFORE with `endDateAfter` (lifted between two list editions). Each program carries its code, its sourced title (or null) and its label.',
    query: designationsQuerySchema,
    ok: json('DesignationPage', 'A page of designations'),
  },
  { path: '/api/v1/milestones', summary: 'List milestones', description: 'Diplomatic, nuclear, military and political milestones, oldest first.', query: milestonesQuerySchema, ok: json('MilestonePage', 'A page of milestones') },
  {
    path: '/api/v1/series',
    summary: "The overview chart's series",
    description:
      'New designations per bin and series: the `split` dimension (authority by default), its `top` values and `__other__` (`__none__`: no value recorded). Takes the same query string as the overview page URL (`/?granularity=…`) and returns exactly the numbers that page charts in its "new" mode.',
    query: dashboardQuerySchema,
    ok: json('SeriesResponse', 'Counts per bin and series'),
  },
  {
    path: '/api/v1/event-study',
    summary: 'Did pressure follow diplomacy? The event study',
    description:
      "For each milestone (or merged group of overlapping milestones) and authority: the count in the window before and after, the count expected after from the authority's own trend fitted before the milestone, the excess, its interval and an empirical p-value against placebo dates, adjusted for the number of studies, and a verdict in words. Takes the same query string as the page /analysis/event-study and returns its numbers.",
    query: eventStudyApiQuerySchema,
    ok: json('EventStudyResponse', 'One row per milestone × authority'),
  },
  {
    path: '/api/v1/views/{id}',
    summary: 'A saved view and its series',
    description:
      "A saved view you own or that was shared with you. A frozen view returns the series and data as-of stored when its owner froze it — the numbers its page and its exports show, whatever was imported since; a live view of the overview returns its series now, as `/api/v1/series?<query>` does. `series` is null for a view of another page.",
    pathParams: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    ok: json('SavedView', 'The view, its as-of and its series'),
    extra: { '404': json('Error', 'No saved view with this id is visible to you (private to someone else, or deleted)'), '422': json('Error', 'Not a saved view id') },
  },
  {
    path: '/api/v1/changes',
    summary: 'What changed in the official lists',
    description:
      'One item per record and kind of change (LISTED, LIFTED, RELISTED, AMENDED) that an import of a new list edition recorded, with each changed field before and after. Newest edition first (then newest id). ' +
      'To poll, pass `since` (the `id` of the last change you have, or an ISO time): the answer is then oldest first (ascending `id`), only changes recorded after it; follow `nextCursor` to the end, then poll again with the last `id`. ' +
      'The first edition of a list that a database imports is its baseline: changes are recorded from the second on. Unknown parameters are refused (422).',
    query: changesQuerySchema,
    ok: json('ChangePage', 'A page of changes'),
  },
  { path: '/api/v1/openapi.json', summary: 'This document', ok: { description: 'The OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } },
];

export function buildOpenApiDocument(): JsonObject {
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, target: 'draft-2020-12' });
  const paths: Record<string, JsonObject> = {};
  for (const e of ENDPOINTS) {
    const parameters = [...(e.pathParams ?? []), ...(e.query ? queryParameters(e.query) : [])];
    paths[e.path] = {
      get: {
        operationId: `get${e.path.replace(/^\/api\/v1/, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
        summary: e.summary,
        ...(e.description ? { description: e.description } : {}),
        ...(parameters.length ? { parameters } : {}),
        responses: { '200': e.ok, ...ERRORS, ...(e.query ? INVALID : {}), ...(e.extra ?? {}) },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sanctions Tracker read API',
      version: '1.0.0',
      description:
        'Read-only access to entities, designations, milestones and the overview series. Authenticate with a signed-in session or a personal API token (`Authorization: Bearer st_…`, created under Account → API tokens). ' +
        'Every method other than GET/HEAD is answered 405. Lists are paginated with an opaque `cursor` (pass `nextCursor` back); `limit` is at most 200. ' +
        'Requests are rate limited per token (or per user); a 429 carries `Retry-After`.',
    },
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal API token (read-only)' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token', description: 'The session of a signed-in user' },
      },
      schemas: Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, stripDialect(v as JsonObject)])),
    },
  };
}
