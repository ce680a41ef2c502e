import { describe, expect, it } from 'vitest';
import { attachmentHeader, fileNamePart, overviewNameParts, reportFileName } from './file-name';
import { parseDashboardQuery } from '../validation/dashboard';
import { searchParamsToObject } from '../validation/search-params';

const overview = (qs: string) => overviewNameParts(parseDashboardQuery(searchParamsToObject(new URLSearchParams(qs))).query);

describe('descriptive file names', () => {
  it('say what is counted, the split, the range and the data as-of', () => {
    expect(reportFileName(overview('granularity=quarter&split=authority&from=2022-01&to=2023-12'), '2024-12-13', 'csv')).toBe(
      'sanctions-tracker_designations-per-quarter_by-authority_2022-01_2023-12_asof-2024-12-13.csv',
    );
    expect(reportFileName(overview('granularity=year&mode=net&authority=EU&authority=UK'), '2026-07-30', 'svg')).toBe('sanctions-tracker_designations-per-year_net_by-authority_eu-uk_2015-01_to-date_asof-2026-07-30.svg');
    expect(reportFileName(overview('measure=actions&granularity=month&split=program&from=2022'), null, 'json')).toBe('sanctions-tracker_sanctions-actions-per-month_by-program_2022_to-date.json');
  });

  it('keep only safe characters, whatever a part holds', () => {
    expect(fileNamePart('../Évian "quoted"; rm -rf /\r\n')).toBe('evian-quoted-rm-rf');
    expect(fileNamePart('名前')).toBe('');
    const name = reportFileName(['a/b\\c', '', '<script>', 'x'.repeat(300)], 'not-a-date', 'c s v');
    expect(name).toMatch(/^[a-z0-9_.-]+$/);
    expect(name.length).toBeLessThanOrEqual(200);
    expect(name.startsWith('sanctions-tracker_a-b-c_script_')).toBe(true);
    expect(name.endsWith('.c-s-v')).toBe(true);
    // A long name keeps its as-of stamp.
    expect(reportFileName(Array.from({ length: 10 }, () => 'y'.repeat(60)), '2024-05-03', 'csv')).toMatch(/_asof-2024-05-03\.csv$/);
  });

  it('are sent with filename and filename*', () => {
    const header = attachmentHeader('sanctions-tracker_designations-per-quarter_asof-2024-05-03.csv');
    expect(header).toMatch(/^attachment; /);
    expect(header).toContain('filename=');
    expect(header).toContain("filename*=UTF-8''sanctions-tracker_designations-per-quarter_asof-2024-05-03.csv");
  });
});
