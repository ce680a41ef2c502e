import { describe, expect, it } from 'vitest';
import { parseRemarks, splitPrograms } from './ofac-sdn-csv';
import { euOriginKey, parseEuDate, parseWordDate } from './eu-csv';
import { authorityIdFor } from './authorities';
import { formatProgress } from './progress';

describe('OFAC SDN.CSV fields', () => {
  it('splits bracketed program lists', () => {
    expect(splitPrograms('NPWMD] [IFSR] [IRAN-CON-ARMS-EO')).toEqual(['NPWMD', 'IFSR', 'IRAN-CON-ARMS-EO']);
    expect(splitPrograms('CUBA')).toEqual(['CUBA']);
  });
  it('reads the first date of birth with its precision (Persons only)', () => {
    expect(parseRemarks('DOB 21 Jan 1971; alt. DOB 19 Jan 1971').birthDate).toEqual({ date: new Date('1971-01-21T00:00:00Z'), precision: 'DAY' });
    expect(parseRemarks('DOB 1962; POB Shati.').birthDate?.precision).toBe('YEAR');
    expect(parseRemarks('DOB Jan 1960').birthDate?.precision).toBe('MONTH');
    expect(parseRemarks('Linked To: X.').birthDate).toBeNull();
    expect(parseRemarks('DOB 1962.', 'Organization').birthDate).toBeNull();
  });
  it("gives an organisation the date it was founded (OFAC's \"Organization Established Date\"), as the EU's incorporation date", () => {
    const r = parseRemarks('Organization Established Date 18 Oct 2002; Tax ID No. 7731263174 (Russia).', 'Organization');
    expect(r.birthDate).toEqual({ date: new Date('2002-10-18T00:00:00Z'), precision: 'DAY' });
    expect(parseRemarks('Organization Established Date 1959.', 'Company').birthDate?.precision).toBe('YEAR');
    expect(parseRemarks('Organization Established Date 1959.', 'Vessel').birthDate).toBeNull();
    expect(parseRemarks('Organization Established Date unknown.', 'Organization').birthDate).toBeNull();
  });
  it('unpacks aliases, IMO numbers and nationality from Remarks', () => {
    const r = parseRemarks("Vessel Registration Identification IMO 7406784; f.k.a. 'ANA I'; a.k.a. 'SAND SWAN'; nationality Iran.", 'Vessel');
    expect(r.aliases).toEqual([{ name: 'ANA I', kind: 'PREVIOUS_NAME' }, { name: 'SAND SWAN', kind: 'ALIAS' }]);
    expect(r.identifiers).toEqual([{ type: 'imoNumber', value: '7406784', country: null, label: 'Vessel Registration Identification IMO', details: null }]);
    expect(r.countries).toEqual(['Iran']);
    expect(r.extra).toBeNull();
  });
});

describe('EU annex CSV fields', () => {
  it('keys a listing by act, annex section and record (record ids restart per section)', () => {
    expect(euOriginKey({ celex: '32023R1529', annex: 'III.A', recordId: '1' })).not.toBe(euOriginKey({ celex: '32023R1529', annex: 'III.B', recordId: '1' }));
  });
  it('reads the date formats the annexes use', () => {
    expect(parseEuDate('26.11.1972')?.date.toISOString().slice(0, 10)).toBe('1972-11-26');
    expect(parseEuDate('1958; 1959')?.precision).toBe('YEAR');
    expect(parseWordDate('18 April 2012')?.date.toISOString().slice(0, 10)).toBe('2012-04-18');
    expect(parseWordDate('18 Avril 2012')).toBeNull();
  });
});

describe('FtM authorities', () => {
  it('maps the authorities we know and names the others from the file', () => {
    expect(authorityIdFor('us', 'Office of Foreign Assets Control')).toBe('US-OFAC');
    expect(authorityIdFor('eu', 'Council of the European Union')).toBe('EU');
    expect(authorityIdFor('gb', 'Foreign, Commonwealth & Development Office')).toBe('UK');
    expect(authorityIdFor('nz', 'Ministry of Foreign Affairs and Trade')).toBe('NZ-ministry-of-foreign-affairs-and-trade');
    expect(authorityIdFor('ua', 'ГУР МО України')).toMatch(/^UA-[0-9a-f]{8}$/);
  });
});

describe('progress line', () => {
  it('shows share, bytes, records, rate and ETA', () => {
    expect(formatProgress({ bytesRead: 1024 * 1024, bytesTotal: 4 * 1024 * 1024, records: 5000 }, 2000, 8)).toBe('[##------] 25% 1.0 MB/4.0 MB · 5,000 records · 2,500 rec/s · ETA 6 s');
  });
});
