// Every page and API answers an anonymous request with a redirect to sign-in or a 401, and no data.
import { expect, test } from '@playwright/test';
import { apiRoutes, pageRoutes } from '../routes';

test('the route list is not empty (the walk of app/ works)', () => {
  expect(pageRoutes()).toContain('/');
  expect(pageRoutes()).toContain('/admin');
});

for (const route of pageRoutes()) {
  test(`anonymous GET ${route} redirects to sign-in`, async ({ request }) => {
    const res = await request.get(route, { maxRedirects: 0 });
    expect([302, 303, 307, 308]).toContain(res.status());
    expect(new URL(res.headers().location ?? '', 'http://x').pathname).toBe('/login');
  });
}

for (const route of [...apiRoutes(), '/api/not-a-route']) {
  for (const method of ['GET', 'POST'] as const) {
    test(`anonymous ${method} ${route} gets 401 JSON`, async ({ request }) => {
      const res = await request.fetch(route, { method, maxRedirects: 0, data: method === 'POST' ? {} : undefined });
      expect(res.status()).toBe(401);
      const body = (await res.json()) as { error?: { code?: string } };
      expect(body.error?.code).toBe('UNAUTHORIZED');
      expect(Object.keys(body)).toEqual(['error']);
    });
  }
}
