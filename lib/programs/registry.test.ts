import { describe, expect, it } from 'vitest';
import { parsePrograms, parseSuccessions, programLabel, renamesByPair } from './registry';

const HEAD = 'authority,code,title,legal_act,url,source_url,quote\n';

describe('program registry', () => {
  it('labels programs by their sourced titles, and marks a code without one as untitled', () => {
    expect(programLabel({ authorityId: 'US-OFAC', code: 'SDGT', title: 'Global terrorism' })).toBe('US — Global terrorism (SDGT)');
    expect(programLabel({ authorityId: 'EU', code: '32012R0267', title: 'Iran (nuclear proliferation)', legalBasis: 'Council Regulation (EU) No 267/2012' })).toBe('EU — Iran (nuclear proliferation), Reg. 267/2012');
    expect(programLabel({ authorityId: 'EU', code: '32023R1529', title: 'Iran — UAV and missiles', legalBasis: 'Council Regulation (EU) 2023/1529' })).toBe('EU — Iran — UAV and missiles, Reg. 2023/1529');
    expect(programLabel({ authorityId: 'UK', code: 'AFG', title: 'Afghanistan' })).toBe('UK — Afghanistan');
    expect(programLabel({ authorityId: 'UK', code: 'GUC', title: null })).toBe('UK — GUC (untitled)');
    expect(programLabel({ authorityId: 'CA', code: 'X', title: 'Something' })).toBe('CA — Something');
  });

  it('refuses a title without a source, and a code listed twice', () => {
    expect(() => parsePrograms(`${HEAD}US-OFAC,SDGT,Global terrorism,,,,\n`)).toThrow(/no source_url/);
    expect(() => parsePrograms(`${HEAD}UK,AFG,,,,,\nUK,AFG,,,,,\n`)).toThrow(/listed twice/);
    expect(parsePrograms(`${HEAD}UK,AFG,,,,,\n`)).toEqual([{ authorityId: 'UK', code: 'AFG', title: null, legalAct: null, url: null, sourceUrl: null }]);
  });

  it('reads successions: unknown pairs are left out, a rename needs its source', () => {
    const head = 'authority,from_code,to_code,date,kind,entries,source_url,quote,note\n';
    const rows = parseSuccessions(`${head}US-OFAC,A,B,2022-09-22,rename,44,https://ofac.example/1,,\nUS-OFAC,C,D,2021-12-01,unknown,3,,,no source\nUS-OFAC,E,F,2024-03-04,termination,12,https://ofac.example/2,,\n`);
    expect(rows.map((r) => `${r.fromCode}>${r.toCode}:${r.kind}`)).toEqual(['A>B:RENAME', 'E>F:TERMINATION']);
    expect([...renamesByPair(rows).keys()]).toEqual(['US-OFAC|A|B']);
    expect(() => parseSuccessions(`${head}US-OFAC,A,B,2022-09-22,rename,44,,,\n`)).toThrow(/needs its source_url/);
    expect(() => parseSuccessions(`${head}US-OFAC,A,B,22-09-2022,rename,44,https://x,,\n`)).toThrow(/not YYYY-MM-DD/);
  });
});
