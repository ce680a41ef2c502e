// The request checks in front of every route handler (lib/api/route.ts), against the production
// build: a mutating request must come from the app (Origin) with the body type it declares, the
// upload route also wants its file type and header; a control character in a query is a 422 naming
// the parameter on the APIs, and never the error page on the pages.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { createTestUser, signedIn } from '../factories/sessions';
import { runState } from '../run-state';
import { UPLOAD_CONTENT_TYPE, UPLOAD_HEADER } from '../../lib/validation/upload-request';

type ErrorBody = { error: { code: string; message: string; fieldErrors?: Record<string, string[]> } };

let admin: APIRequestContext;
let analyst: APIRequestContext;

test.beforeAll(async () => {
  admin = await signedIn(await createTestUser('ADMIN', 'checks-admin'));
  analyst = await signedIn(await createTestUser('ANALYST', 'checks-analyst'));
});

test.afterAll(async () => {
  await admin.dispose();
  await analyst.dispose();
});

const JOBS = '/api/admin/imports/jobs';
const UPLOADS = '/api/admin/imports/uploads?name=x.xml';
const JOB_BODY = JSON.stringify({ format: 'un-xml', uploads: [], dryRun: true });

test.describe('mutating routes (CSRF)', () => {
  test('refuse another Origin, "null" and a session cookie without Origin with 403 CROSS_ORIGIN', async () => {
    const own = runState().baseURL;
    for (const url of [JOBS, UPLOADS]) {
      for (const origin of ['https://evil.example', 'null', own.replace(/:\d+$/, ':1'), undefined]) {
        const headers: Record<string, string> = { 'content-type': url === JOBS ? 'application/json' : UPLOAD_CONTENT_TYPE, [UPLOAD_HEADER.name]: UPLOAD_HEADER.value };
        if (origin) headers.origin = origin;
        const res = await admin.post(url, { headers, data: url === JOBS ? JOB_BODY : '<x/>' });
        expect(res.status(), `${url} from ${origin ?? 'no Origin'}`).toBe(403);
        expect(((await res.json()) as ErrorBody).error.code).toBe('CROSS_ORIGIN');
      }
    }
  });

  test('the import job route requires JSON: a text/plain body (what a cross-site form can send) is a 415', async () => {
    const origin = runState().baseURL;
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await admin.post(JOBS, { headers: { origin, 'content-type': type }, data: JOB_BODY });
      expect(res.status(), type).toBe(415);
      expect(((await res.json()) as ErrorBody).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    // From the app, as JSON: past the checks, to the validation of the job itself.
    expect((await admin.post(JOBS, { headers: { origin, 'content-type': 'application/json' }, data: JOB_BODY })).status()).toBe(422);
  });

  test('the upload route requires the file type and the upload header', async () => {
    const origin = runState().baseURL;
    const wrongType = await admin.post(UPLOADS, { headers: { origin, 'content-type': 'text/plain', [UPLOAD_HEADER.name]: UPLOAD_HEADER.value }, data: '<x/>' });
    expect(wrongType.status()).toBe(415);
    const noHeader = await admin.post(UPLOADS, { headers: { origin, 'content-type': UPLOAD_CONTENT_TYPE }, data: '<x/>' });
    expect(noHeader.status()).toBe(403);
    expect(((await noHeader.json()) as ErrorBody).error.message).toContain(UPLOAD_HEADER.name);
  });
});

test.describe('control characters in a query', () => {
  test('an API answers 422 naming the parameter, whatever the route', async () => {
    for (const [url, field] of [
      ['/api/v1/search?q=%00', 'q'],
      ['/api/v1/entities?q=a%E2%80%AEb', 'q'],
      ['/api/v1/designations?authority=EU&authority=U%C2%85K', 'authority'],
      ['/api/v1/series?q=%07', 'q'],
      ['/api/export/overview.csv?q=%00', 'q'],
      ['/api/export/lag.json?authority=%00', 'authority'],
    ] as const) {
      const res = await analyst.get(url);
      expect(res.status(), url).toBe(422);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.fieldErrors?.[field]?.join(' '), url).toMatch(/invisible control characters/);
    }
  });

  test('a page leaves the parameter out instead of failing; the overview says so', async () => {
    const overview = await analyst.get('/?q=%00');
    expect(overview.status()).toBe(200);
    const html = await overview.text();
    expect(html).toContain('data-testid="query-problems"');
    expect(html).toMatch(/invisible control characters/);
    for (const [ctx, url] of [
      [analyst, '/entities?q=%00'],
      [analyst, '/entities?authority=%00&country=%E2%80%AE'],
      [analyst, '/suppliers?country=%00'],
      [analyst, '/analysis/lag?authority=%00'],
      [analyst, '/analysis/milestone-windows?days=%00'],
      [admin, '/admin/audit?actor=%00'],
      [admin, '/admin/matches?q=%00'],
    ] as const) {
      const res = await ctx.get(url);
      expect(res.status(), url).toBe(200);
      expect(await res.text(), url).not.toContain('Something went wrong');
    }
  });
});
