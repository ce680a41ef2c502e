// Every page, API route and server action of the app, read from the source tree so that a new one
// is covered by the access tests without anyone remembering to add it.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** The URL pattern of a page.tsx/route.ts: route groups dropped, dynamic segments as written. */
export function toPattern(file: string): string {
  const rel = path.relative('app', path.dirname(file)).split(path.sep);
  return `/${rel.filter((s) => s && !/^\(.*\)$/.test(s)).join('/')}`;
}

function toUrl(file: string): string {
  const parts = toPattern(file)
    .split('/')
    .map((s) => (s.startsWith('[[...') ? '' : s.startsWith('[...') ? 'x/y' : s.startsWith('[') ? 'test-id' : s));
  return `/${parts.filter(Boolean).join('/')}`;
}

export function pageFiles(): string[] {
  return walk('app').filter((f) => /(^|\/)page\.tsx$/.test(f));
}

export function routeFiles(): string[] {
  return walk('app').filter((f) => /(^|\/)route\.ts$/.test(f));
}

export function pageRoutes(): string[] {
  return pageFiles()
    .map(toUrl)
    .filter((u) => u !== '/login');
}

export function apiRoutes(): string[] {
  return walk(path.join('app', 'api'))
    .filter((f) => /(^|\/)route\.ts$/.test(f))
    .map(toUrl)
    .filter((u) => !u.startsWith('/api/auth/'));
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** The HTTP methods a route.ts exports (`export const GET`, `export async function GET`, `export { h as GET }`, `export const { POST, … } =`). */
export function exportedMethods(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const m of src.matchAll(/export\s+(?:async\s+)?(?:const|function|let)\s+([A-Z]+)\b/g)) found.add(m[1]!);
  for (const m of src.matchAll(/export\s+(?:const|let)\s+\{([^}]*)\}/g)) for (const n of m[1]!.split(',')) found.add(n.trim().split(/\s*:\s*/).pop()!);
  for (const m of src.matchAll(/export\s+\{([^}]*)\}/g)) for (const n of m[1]!.split(',')) found.add(n.trim().split(/\s+as\s+/).pop()!);
  return [...found].filter((n) => METHODS.includes(n)).sort();
}

/** Every exported binding of every 'use server' module under lib/actions/, as "file#name". */
export function serverActionExports(): string[] {
  const out: string[] = [];
  for (const file of walk(path.join('lib', 'actions')).filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f))) {
    const src = readFileSync(file, 'utf8');
    // The directive must be the first statement (comments may precede nothing else).
    if (!/^\s*['"]use server['"]/.test(src)) continue;
    for (const m of src.matchAll(/^export\s+(?:async\s+)?(?:const|function|let)\s+(\w+)/gm)) out.push(`${file.split(path.sep).join('/')}#${m[1]!}`);
    if (/^export\s+(\{|\*|default)/m.test(src)) out.push(`${file}#<unparsed export>`);
  }
  return out.sort();
}
