// Every exported server action, called with wrongly typed arguments — as anyone can over HTTP with
// its action id — answers with its error result (401, 403 or 422), never a throw (a 500).
// The actions are the real exports (found in the source like the e2e access matrix finds them);
// only the session lookup is replaced, by principals loaded from real users in the test database.
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { realPrincipal } from '../../test/actions';
import { serverActionExports } from '../../e2e/routes';
import { ACTION_RULES } from '../auth/access-rules';
import { can, type Principal } from '../auth/permissions';

const session = vi.hoisted(() => ({ principal: null as Principal | null }));
// NOTE: the one seam — who is signed in. Everything after it (the wrappers, permission, zod) is real.
vi.mock('../auth/session', async (importOriginal) => ({ ...(await importOriginal<Record<string, unknown>>()), getPrincipal: async () => session.principal }));

type AnyAction = (...args: unknown[]) => Promise<unknown>;

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

// The argument lists a caller could send instead of the right one.
const WRONG_FOR_OBJECT: Array<[string, unknown[]]> = [
  ['no arguments', []],
  ['a string', ['x']],
  ['a number', [42]],
  ['null', [null]],
  ['an array', [[{ id: 'x' }]]],
  ['a FormData', [form({ id: 'x', name: 'x', email: 'x@example.org' })]],
  ['a boolean', [true]],
  ['a Date', [new Date()]],
];
const WRONG_FOR_FORM: Array<[string, unknown[]]> = [
  ['no arguments', []],
  ['only a state', [null]],
  ['a string', [null, 'x']],
  ['a number', [null, 42]],
  ['null', [null, null]],
  ['an array', [null, [['name', 'x']]]],
  ['an object', [null, { name: 'x', id: 'x' }]],
  ['a FormData first', [form({ name: 'x' })]],
];

const actions: Array<{ key: string; fn: AnyAction }> = [];
const callers: Array<{ label: string; principal: Principal | null }> = [];

beforeAll(async () => {
  for (const key of serverActionExports()) {
    const [file, name] = key.split('#') as [string, string];
    const mod = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
    const fn = mod[name];
    if (typeof fn !== 'function') throw new Error(`${key} is not a function`);
    actions.push({ key, fn: fn as AnyAction });
  }
  callers.push({ label: 'anonymous', principal: null }, { label: 'analyst', principal: await realPrincipal('ANALYST') }, { label: 'admin', principal: await realPrincipal('ADMIN') });
});

describe('server actions called with wrongly typed arguments', () => {
  it('every exported action has an access rule saying how it is called', () => {
    expect(actions.length).toBeGreaterThan(40);
    expect(actions.map((a) => a.key).sort()).toEqual(Object.keys(ACTION_RULES).sort());
  });

  it('answer 401 (anonymous), 403 (without the permission) or 422, never a throw or a 500', async () => {
    const failures: string[] = [];
    for (const { key, fn } of actions) {
      const rule = ACTION_RULES[key]!;
      for (const { label, principal } of callers) {
        session.principal = principal;
        const expected = !principal ? 401 : can(principal, rule.permission) ? 422 : 403;
        for (const [what, args] of rule.input === 'form' ? WRONG_FOR_FORM : WRONG_FOR_OBJECT) {
          let result: unknown;
          try {
            result = await fn(...args);
          } catch (err) {
            failures.push(`${label} → ${key}(${what}): threw ${err instanceof Error ? err.message : String(err)}`);
            continue;
          }
          const r = result as { ok?: unknown; status?: unknown; fieldErrors?: Record<string, string[]> };
          if (r?.ok !== false || r.status !== expected) failures.push(`${label} → ${key}(${what}): ${JSON.stringify(result)?.slice(0, 200)} (expected status ${expected})`);
          else if (expected === 422 && !r.fieldErrors?._form?.length) failures.push(`${label} → ${key}(${what}): 422 without the form-level message`);
        }
      }
    }
    session.principal = null;
    expect(failures).toEqual([]);
  });
});
