// Completeness of the access-rule table against the source tree (the enforcement itself is tested
// against the running app in e2e/api/access-matrix.spec.ts).
import { describe, expect, it } from 'vitest';
import { ACTION_RULES, PAGE_RULES, ROUTE_RULES } from './access-rules';
import { exportedMethods, pageFiles, routeFiles, serverActionExports, toPattern } from '../../e2e/routes';

describe('access rules', () => {
  it('has exactly one rule per page', () => {
    const pages = pageFiles().map(toPattern).sort();
    expect(pages.length).toBeGreaterThan(10);
    expect(Object.keys(PAGE_RULES).sort()).toEqual(pages);
  });

  it('has a rule for every method of every route handler, and none for methods that do not exist', () => {
    const routes = Object.fromEntries(routeFiles().map((f) => [toPattern(f), exportedMethods(f)]));
    expect(Object.keys(ROUTE_RULES).sort()).toEqual(Object.keys(routes).sort());
    for (const [pattern, methods] of Object.entries(routes)) expect(Object.keys(ROUTE_RULES[pattern]!).sort(), pattern).toEqual(methods);
  });

  it('has a rule for every exported server action', () => {
    const actions = serverActionExports();
    expect(actions).toContain('lib/actions/users.ts#setUserRole');
    expect(actions.some((a) => a.includes('<unparsed export>'))).toBe(false);
    expect(Object.keys(ACTION_RULES).sort()).toEqual(actions);
  });

  it('never lets a public page or an analyst-level rule cover the admin area', () => {
    for (const [pattern, rule] of Object.entries(PAGE_RULES)) {
      if (pattern.startsWith('/admin')) expect(['data:write', 'users:manage', 'audit:read', 'import:run']).toContain(rule);
      if (rule === 'public') expect(pattern).toBe('/login');
    }
  });
});
