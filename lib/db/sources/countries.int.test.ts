// The admin list of country values no library resolved, on the seeded data: OFAC writes Colombian
// cities as identifiers' issuing countries ("Matricula Mercantil No … (Medellin)"); kept, listed, never guessed.
import { describe, expect, it } from 'vitest';
import { realPrincipal } from '../../../test/actions';
import { listUnresolvedCountries } from './countries';

describe('unresolved countries', () => {
  it('lists what the lists wrote that resolves to no code, with counts and examples; admins only', async () => {
    const rows = await listUnresolvedCountries(await realPrincipal('ADMIN'));
    const medellin = rows.find((r) => r.value === 'Medellin');
    expect(medellin?.records).toBeGreaterThan(0);
    expect(medellin?.examples.length).toBeGreaterThan(0);
    // Real countries resolved: no ISO name of a country is left here.
    expect(rows.map((r) => r.value)).not.toContain('Iran');
    await expect(listUnresolvedCountries(await realPrincipal('ANALYST'))).rejects.toThrow();
  });
});
