import { describe, expect, it } from 'vitest';
import { filterGroups, foldForMatch } from './picker';

const groups = [
  { label: 'US', options: [{ value: 'US-OFAC:IRAN', label: 'US — Iran-related (IRAN)' }, { value: 'US-OFAC:SDGT', label: 'US — Global terrorism (SDGT)' }] },
  { label: 'EU', options: [{ value: 'EU:IRN', label: 'EU — Iran (nuclear proliferation), Reg. 267/2012' }, { value: 'EU:RUS', label: 'EU — Russia' }] },
  { label: null, options: [{ value: 'tr', label: 'Türkiye' }] },
];

describe('filterGroups', () => {
  it('keeps every group and option when nothing is typed', () => {
    expect(filterGroups(groups, '  ')).toEqual(groups);
  });
  it('matches every typed word in the label, the value or the group, ignoring case, accents and punctuation', () => {
    expect(filterGroups(groups, 'iran').map((g) => [g.label, g.options.map((o) => o.value)])).toEqual([
      ['US', ['US-OFAC:IRAN']],
      ['EU', ['EU:IRN']],
    ]);
    expect(filterGroups(groups, 'eu iran').flatMap((g) => g.options.map((o) => o.value))).toEqual(['EU:IRN']);
    expect(filterGroups(groups, 'sdgt').flatMap((g) => g.options.map((o) => o.value))).toEqual(['US-OFAC:SDGT']);
    expect(filterGroups(groups, 'turkiye').flatMap((g) => g.options.map((o) => o.value))).toEqual(['tr']);
    expect(filterGroups(groups, 'iran-related').flatMap((g) => g.options.map((o) => o.value))).toEqual(['US-OFAC:IRAN']);
  });
  it('drops groups left empty and finds nothing for an unknown word', () => {
    expect(filterGroups(groups, 'russia').map((g) => g.label)).toEqual(['EU']);
    expect(filterGroups(groups, 'zzz')).toEqual([]);
  });
  it('folds text for matching', () => {
    expect(foldForMatch('  Türkiye — Reg. 267/2012 ')).toBe('turkiye reg 267 2012');
  });
});
