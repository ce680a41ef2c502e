import { describe, expect, it } from 'vitest';
import { adminListQuerySchema } from './list';

describe('adminListQuerySchema', () => {
  it('leaves a parameter holding a control character out (a NUL would reach PostgreSQL), never throws', () => {
    for (const c of ['\u0000', '\u202E', '\u0085']) {
      expect(adminListQuerySchema.parse({ q: `a${c}b`, deleted: '1', page: '2' })).toEqual({ q: undefined, deleted: '1', page: 2 });
      expect(adminListQuerySchema.parse({ q: 'ok', page: `2${c}` })).toEqual({ q: 'ok', deleted: undefined, page: 1 });
      expect(adminListQuerySchema.parse({ q: ['x', `y${c}`] })).toEqual({ q: undefined, deleted: undefined, page: 1 });
    }
  });

  it('keeps a clean query, and falls back to the defaults for unusable values', () => {
    expect(adminListQuerySchema.parse({ q: '  Shahed  ', deleted: '1', page: '3' })).toEqual({ q: 'Shahed', deleted: '1', page: 3 });
    expect(adminListQuerySchema.parse({ q: 'a'.repeat(201), deleted: 'yes', page: '-1' })).toEqual({ q: undefined, deleted: undefined, page: 1 });
    expect(adminListQuerySchema.parse({})).toEqual({ q: undefined, deleted: undefined, page: 1 });
  });
});
