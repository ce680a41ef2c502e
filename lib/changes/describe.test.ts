import { describe, expect, it } from 'vitest';
import { changeSummaryLines, changeTitle, describeChangesFilter, describeFieldChanges, fieldLabel, formatValue } from './describe';
import { EMPTY_CHANGES_FILTER } from './filter';

describe('field changes in words', () => {
  it('names fields as people say them', () => {
    expect(fieldLabel('programsAdded')).toBe('Programs added');
    expect(fieldLabel('endDate')).toBe('End date');
    expect(fieldLabel('vesselFlagChanged')).toBe('Vessel flag changed');
    expect(fieldLabel('legal_act')).toBe('Legal act');
  });

  it('makes values readable: dates, lists, nothing, objects, long text', () => {
    expect(formatValue('2022-11-15')).toBe('15 Nov 2022');
    expect(formatValue('2022-11')).toBe('Nov 2022');
    expect(formatValue('2024-05-03T10:00:00.000Z')).toBe('3 May 2024');
    expect(formatValue(['SDGT', 'IRGC'])).toBe('SDGT, IRGC');
    expect(formatValue(null)).toBe('none');
    expect(formatValue([])).toBe('none');
    expect(formatValue({ type: 'passport', value: 'X1', country: null })).toBe('type: passport; value: X1');
    expect(formatValue('x'.repeat(400))).toHaveLength(300);
  });

  it('reads before → after, and additions as the value alone', () => {
    const lines = describeFieldChanges({
      reason: { from: 'Old reason', to: 'New reason' },
      programsAdded: { from: null, to: ['IRGC'] },
      aliasesRemoved: { from: ['A'], to: ['A'] },
      endDate: { from: null, to: '2026-11-30' },
      status: { from: 'LISTED', to: 'DELISTED' },
    });
    expect(lines.map((l) => l.text)).toEqual(['Aliases removed: A', 'End date: 30 Nov 2026', 'Programs added: IRGC', 'Reason: Old reason → New reason', 'Status: LISTED → DELISTED']);
  });
});

describe('a change in words', () => {
  const change = { kind: 'AMENDED' as const, authorityId: 'US-OFAC', authorityName: 'OFAC', entityName: 'ACME', programs: ['SDGT'], countries: ['IR'], fields: { reason: { from: 'a', to: 'b' } }, editionDate: '2026-12-01', sourceKey: '12345', targetType: 'Designation' };
  it('titles and summarises it', () => {
    expect(changeTitle(change)).toBe('Amended by OFAC: ACME');
    expect(changeTitle({ ...change, kind: 'LISTED', authorityId: null, authorityName: null })).toBe('Listed: ACME');
    expect(changeSummaryLines(change)).toEqual(['Amended (designation) in the edition of 1 Dec 2026; list key 12345.', 'Programs: SDGT', 'Countries: IR', 'Reason: a → b']);
  });

  it('says the filter', () => {
    expect(describeChangesFilter(EMPTY_CHANGES_FILTER)).toBe('All changes');
    expect(describeChangesFilter({ ...EMPTY_CHANGES_FILTER, kind: ['LISTED', 'LIFTED'], authority: ['EU', 'UK'], weapon: ['shahed-136'], from: '2026-01-01' }, { weapon: () => 'Shahed-136' })).toBe(
      'Listed or lifted · by EU or UK · weapons program Shahed-136 · editions from 1 Jan 2026',
    );
  });
});
