import { describe, expect, it } from 'vitest';
import { asOfStamp, summariseEditions, toDataAsOf } from './data-as-of';

const at = (d: string) => `${d}T09:00:00.000Z`;
// The seed's registry (prisma/seed.int.test.ts): three EU acts, the OFAC history, the UK and UN files.
const SEEDED = [
  { scope: 'eu-journal:32012R0267', editionDate: '2026-07-30', appliedAt: at('2026-12-01') },
  { scope: 'eu-journal:32014R0269', editionDate: '2026-07-30', appliedAt: at('2026-12-01') },
  { scope: 'eu-journal:32023R1529', editionDate: '2026-07-30', appliedAt: at('2026-12-02') },
  { scope: 'ofac-sdn', editionDate: '2024-05-03', appliedAt: at('2026-12-01') },
  { scope: 'uk-list', editionDate: '2026-04-29', appliedAt: at('2026-12-01') },
  { scope: 'un-sc', editionDate: '2018-08-24', appliedAt: at('2026-12-01') },
];

describe('data as-of', () => {
  it('groups registry scopes into lists, in a fixed order, and says it in one line', () => {
    const asOf = toDataAsOf(SEEDED, null);
    expect(asOf.lists.map((l) => [l.key, l.authorityId, l.editionDate])).toEqual([
      ['ofac-sdn', 'US-OFAC', '2024-05-03'],
      ['eu', 'EU', '2026-07-30'],
      ['uk', 'UK', '2026-04-29'],
      ['un', 'UN', '2018-08-24'],
    ]);
    expect(asOf.lists[1]).toMatchObject({ scopes: ['eu-journal:32012R0267', 'eu-journal:32014R0269', 'eu-journal:32023R1529'], oldestEditionDate: null, appliedAt: at('2026-12-02') });
    expect(asOf.label).toBe('Data as of: OFAC SDN 2024-05-03 · EU 2026-07-30 · UK 2026-04-29 · UN 2018-08-24');
  });

  it('says when a list’s parts are held at different editions, and names an unknown scope as it is', () => {
    const lists = summariseEditions([
      { scope: 'eu-journal:32014R0269', editionDate: '2026-05-01', appliedAt: at('2026-11-01') },
      { scope: 'eu-fsf', editionDate: '2026-07-30', appliedAt: at('2026-11-02') },
      { scope: 'xx-list', editionDate: '2025-01-02', appliedAt: at('2026-11-03') },
    ]);
    expect(lists.map((l) => [l.label, l.editionDate, l.oldestEditionDate])).toEqual([
      ['EU', '2026-07-30', '2026-05-01'],
      ['xx-list', '2025-01-02', null],
    ]);
    expect(toDataAsOf([{ scope: 'eu-fsf', editionDate: '2026-07-30', appliedAt: at('2026-11-02') }, { scope: 'eu-journal:32014R0269', editionDate: '2026-05-01', appliedAt: at('2026-11-01') }], null).label).toBe(
      'Data as of: EU 2026-05-01 to 2026-07-30',
    );
  });

  it('adds the last hand edit, and says so when no edition is recorded', () => {
    expect(toDataAsOf(SEEDED.slice(3, 4), '2026-12-07T10:15:42.123Z').label).toBe('Data as of: OFAC SDN 2024-05-03 · last edited 2026-12-07 10:15 UTC');
    expect(toDataAsOf([], null).label).toBe('Data as of: no list edition recorded');
  });

  it('stamps a file with the newest edition held', () => {
    expect(asOfStamp(toDataAsOf(SEEDED, null))).toBe('2026-07-30');
    expect(asOfStamp({ lists: [] })).toBeNull();
  });
});
