// Every page and API route of the app, read from the app/ folder so that a new route is covered by
// the access tests without anyone remembering to add it.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function toUrl(file: string): string {
  const rel = path.relative('app', path.dirname(file)).split(path.sep);
  const parts = rel
    .filter((s) => s && !/^\(.*\)$/.test(s)) // route groups do not appear in URLs
    .map((s) => (s.startsWith('[[...') ? '' : s.startsWith('[...') ? 'x/y' : s.startsWith('[') ? 'test-id' : s));
  return `/${parts.filter(Boolean).join('/')}`;
}

export function pageRoutes(): string[] {
  return walk('app')
    .filter((f) => /(^|\/)page\.tsx$/.test(f))
    .map(toUrl)
    .filter((u) => u !== '/login');
}

export function apiRoutes(): string[] {
  return walk(path.join('app', 'api'))
    .filter((f) => /(^|\/)route\.ts$/.test(f))
    .map(toUrl)
    .filter((u) => !u.startsWith('/api/auth/'));
}
