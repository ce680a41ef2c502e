import { describe, expect, it } from 'vitest';
import { milestonesInBin, placeMilestones, type MilestoneInput } from './milestones';

const m = (slug: string, date: string, datePrecision: MilestoneInput['datePrecision'], endDate: string | null = null): MilestoneInput => ({
  id: slug,
  slug,
  code: `M-${slug}`,
  date,
  datePrecision,
  endDate,
  endDatePrecision: endDate ? 'DAY' : null,
  title: slug,
  category: 'DIPLOMATIC',
  sourceUrl: 'https://example.org/source',
});

const months2022 = ['2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06', '2022-07', '2022-08', '2022-09', '2022-10', '2022-11', '2022-12'];

describe('placeMilestones', () => {
  it('draws a day or month milestone as a line in its bin', () => {
    const [invasion, talks] = placeMilestones([m('invasion', '2022-02-24', 'DAY'), m('talks', '2022-08-01', 'MONTH')], 'month', months2022);
    expect(invasion).toMatchObject({ kind: 'line', bin: '2022-02' });
    expect(talks).toMatchObject({ kind: 'line', bin: '2022-08' });
  });

  it('does not pretend a year-only milestone happened on 1 January: it shades the year', () => {
    const [moved] = placeMilestones([m('moved', '2022-01-01', 'YEAR')], 'month', months2022);
    expect(moved).toMatchObject({ kind: 'band', fromBin: '2022-01', toBin: '2022-12' });
    const [asYear] = placeMilestones([m('moved', '2022-01-01', 'YEAR')], 'year', ['2021', '2022', '2023']);
    expect(asYear).toMatchObject({ kind: 'line', bin: '2022' });
  });

  it('shades periods and clips them to the visible range', () => {
    const [wagner] = placeMilestones([m('wagner', '2023-06-23', 'DAY', '2023-06-24')], 'month', ['2023-05', '2023-06', '2023-07']);
    expect(wagner).toMatchObject({ kind: 'line', bin: '2023-06' }); // a two-day period within one bin is a line
    const [long] = placeMilestones([m('long', '2021-11-01', 'DAY', '2022-03-10')], 'month', months2022);
    expect(long).toMatchObject({ kind: 'band', fromBin: '2022-01', toBin: '2022-03' });
  });

  it('leaves out milestones outside the range', () => {
    expect(placeMilestones([m('jcpoa', '2015-07-14', 'DAY')], 'month', months2022)).toEqual([]);
  });

  it('finds the milestones touching a bin', () => {
    const placed = placeMilestones([m('a', '2022-02-24', 'DAY'), m('b', '2022-01-01', 'YEAR')], 'month', months2022);
    expect(milestonesInBin(placed, '2022-02').map((x) => x.slug)).toEqual(['a', 'b']);
    expect(milestonesInBin(placed, '2022-05').map((x) => x.slug)).toEqual(['b']);
  });
});
