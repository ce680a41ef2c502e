import { describe, expect, it } from 'vitest';
import { IMPORT_FORMATS } from '../import/types';
import { officialHosts, SOURCE_REGISTRY } from './registry';
import { scheduleProblem } from './sync/schedule';

describe('source registry', () => {
  it('holds the five official publications, each well-formed', () => {
    expect(SOURCE_REGISTRY.map((s) => s.id)).toEqual(['ofac-sdn', 'ofac-cons', 'eu-fsf', 'uk-list', 'un-sc']);
    for (const s of SOURCE_REGISTRY) {
      expect(IMPORT_FORMATS, s.id).toContain(s.format);
      expect(scheduleProblem(s.schedule), s.id).toBeNull();
      for (const u of [...s.urls, s.docsUrl]) expect(new URL(u).protocol, s.id).toBe('https:');
    }
    // OFAC's CSV sets are applied as one unit, main file first, and dated by Last-Modified.
    expect(SOURCE_REGISTRY.filter((s) => s.format === 'ofac-sdn-csv').map((s) => [s.urls.map((u) => u.split('/').pop()), s.editionDateFrom])).toEqual([
      [['SDN.CSV', 'ADD.CSV', 'ALT.CSV'], 'last-modified'],
      [['CONS_PRIM.CSV', 'CONS_ADD.CSV', 'CONS_ALT.CSV'], 'last-modified'],
    ]);
  });

  it('lists the hosts a proxy must allow', () => {
    expect(officialHosts()).toEqual(['sanctionslist.fcdo.gov.uk', 'sanctionslistservice.ofac.treas.gov', 'scsanctions.un.org', 'webgate.ec.europa.eu']);
  });
});
