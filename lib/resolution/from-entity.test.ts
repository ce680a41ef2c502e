import { describe, expect, it } from 'vitest';
import { toResolutionRecord } from './from-entity';

const at = (source: string) => ({ id: 'r1', entityId: 'e1', document: source, authority: 'X', source, externalId: '1', programs: [] });

describe('toResolutionRecord', () => {
  it("reads places of birth and contacts from OFAC's remarks, the EU's columns and the UN's places", () => {
    const ofac = toResolutionRecord(
      { schema: 'Person', name: 'TOTOONOV, Aleksandr Borisovich', extra: { remarks: { birthPlaces: ['Ordzhonikidze, North Ossetia, Russia'], websites: ['www.example.ru'], emails: ['info@example.ru'] } } },
      at('ofac-sdn'),
    );
    expect(ofac.birthPlaces).toEqual(['Ordzhonikidze, North Ossetia, Russia']);
    expect(ofac.contacts).toEqual(['www.example.ru', 'info@example.ru']);
    const eu = toResolutionRecord({ schema: 'Person', name: 'Naser Maleki', extra: { birthPlace: 'Najaf, Iraq; Tehran, Iran', website: 'https://a.ir', email: 'x@a.ir; y@a.ir' } }, at('eu-journal'));
    expect(eu.birthPlaces).toEqual(['Najaf, Iraq', 'Tehran, Iran']);
    expect(eu.contacts).toEqual(['https://a.ir', 'x@a.ir', 'y@a.ir']);
    const un = toResolutionRecord({ schema: 'Person', name: 'NASER MALEKI', extra: { birthPlace: ['Tehran, Iran'] } }, at('un-sc'));
    expect(un.birthPlaces).toEqual(['Tehran, Iran']);
    expect(toResolutionRecord({ schema: 'Person', name: 'X' }, at('uk-list'))).toMatchObject({ birthPlaces: [], contacts: [] });
  });
});
