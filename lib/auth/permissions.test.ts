import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLE_PERMISSIONS, can } from './permissions';

describe('permissions', () => {
  it('gives analysts read access and their own settings only', () => {
    expect(can({ role: 'ANALYST' }, 'data:read')).toBe(true);
    expect(can({ role: 'ANALYST' }, 'self:manage')).toBe(true);
    for (const p of ['data:write', 'import:run', 'users:manage', 'audit:read'] as const) expect(can({ role: 'ANALYST' }, p)).toBe(false);
  });

  it('gives admins everything', () => {
    for (const p of PERMISSIONS) expect(can({ role: 'ADMIN' }, p)).toBe(true);
    expect(ROLE_PERMISSIONS.ADMIN).toEqual(PERMISSIONS);
  });

  it('lets an API token only read, whatever its owner may do', () => {
    expect(can({ role: 'ADMIN', tokenId: 't1' }, 'data:read')).toBe(true);
    for (const p of PERMISSIONS.filter((x) => x !== 'data:read')) {
      expect(can({ role: 'ADMIN', tokenId: 't1' }, p)).toBe(false);
      expect(can({ role: 'ADMIN' }, p)).toBe(true);
    }
  });

  it('gives nothing without a principal', () => {
    expect(can(null, 'data:read')).toBe(false);
    expect(can(undefined, 'data:read')).toBe(false);
  });
});
