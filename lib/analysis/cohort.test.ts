import { describe, expect, it } from 'vitest';
import { describeCohort, describeCohortTitle, EMPTY_COHORT, isViewCapped, isWholeData, type Cohort } from './cohort';

const drones: Cohort['cases'][number] = { slug: 'iran-drones', title: 'Iranian drones' };

describe('describeCohort', () => {
  it('says "all entities" without a cohort', () => {
    expect(isWholeData(EMPTY_COHORT)).toBe(true);
    expect(describeCohort(EMPTY_COHORT)).toBe('all entities');
  });

  it('names a case, several programs (one or the other), participants', () => {
    expect(describeCohort({ ...EMPTY_COHORT, cases: [drones] })).toBe('entities of the case “Iranian drones”');
    expect(describeCohort({ ...EMPTY_COHORT, programs: [{ key: 'EU:RUS', label: 'EU — Russia' }, { key: 'UK:RUS', label: 'UK — Russia' }, { key: 'US-OFAC:IRAN', label: 'US — Iran' }] })).toBe(
      'entities designated under EU — Russia, UK — Russia or US — Iran',
    );
    expect(describeCohort({ ...EMPTY_COHORT, weapons: [{ slug: 'shahed-136', name: 'Shahed-136' }, { slug: 'mohajer-6', name: 'Mohajer-6' }] })).toBe('participants in Shahed-136 or Mohajer-6');
  });

  it('joins kinds that narrow one another', () => {
    const c: Cohort = { ...EMPTY_COHORT, cases: [drones], weapons: [{ slug: 'shahed-136', name: 'Shahed-136' }], view: { id: 'v1', name: 'Makers', entityIds: ['a', 'b'], total: 2, cap: 1000 } };
    expect(describeCohort(c)).toBe('entities of the case “Iranian drones” that are also participants in Shahed-136 and among the 2 entities of the saved list “Makers”');
    expect(isWholeData(c)).toBe(false);
  });

  it('says when a saved list was capped', () => {
    const c: Cohort = { ...EMPTY_COHORT, view: { id: 'v1', name: 'Everything', entityIds: ['a', 'b', 'c'], total: 12_345, cap: 3 } };
    expect(isViewCapped(c)).toBe(true);
    expect(describeCohortTitle(c)).toBe('The first 3 of the 12,345 entities of the saved list “Everything”');
    expect(isViewCapped({ ...c, view: { ...c.view!, total: 3 } })).toBe(false);
  });
});
