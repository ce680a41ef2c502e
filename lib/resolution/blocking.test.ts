import { describe, expect, it } from 'vitest';
import { blockPairs, recordKeys } from './blocking';
import { record, syntheticRecords } from './testing';
import type { ResolutionRecord } from './types';

const ids = (recs: ResolutionRecord[], pairs: Array<[number, number]>) => pairs.map(([i, j]) => `${recs[i]!.id}-${recs[j]!.id}`);

describe('blockPairs', () => {
  const recs = [
    record({ names: ['PRIGOZHIN, Yevgeniy Viktorovich'] }),
    record({ document: 'eu:32014R0269', names: ['Evgeny Viktorovich Prigozhin'] }),
    record({ document: 'uk-list', names: ['Yevgeniy PRIGOZHIN'] }),
    record({ schema: 'Company', names: ['Concord Management and Consulting LLC'] }),
    record({ schema: 'Company', document: 'eu:32014R0269', names: ['OOO Konkord Menedzhment i Konsalting', 'Concord Management and Consulting'] }),
    record({ schema: 'Vessel', names: ['ADRIAN DARYA 1'], identifiers: [{ type: 'imoNumber', key: '9116412', country: null }] }),
    record({ schema: 'Vessel', document: 'uk-list', names: ['GRACE 1'], identifiers: [{ type: 'imoNumber', key: '9116412', country: null }] }),
    record({ document: 'uk-list', names: ['Abu Bakr al-Baghdadi'], unReference: 'QDi.299' }),
    record({ document: 'un-sc', names: ['IBRAHIM AWWAD IBRAHIM ALI AL-BADRI'], unReference: 'QDi 299' }),
    // A person and a company of one name never meet.
    record({ names: ['Concord Management'] }),
  ];

  it('pairs the spellings of one name, identifiers and UN references, each pair once, in order', () => {
    const pairs = blockPairs(recs);
    expect(ids(recs, pairs)).toEqual(
      expect.arrayContaining([
        `${recs[0]!.id}-${recs[1]!.id}`,
        `${recs[0]!.id}-${recs[2]!.id}`,
        `${recs[1]!.id}-${recs[2]!.id}`,
        `${recs[3]!.id}-${recs[4]!.id}`,
        `${recs[5]!.id}-${recs[6]!.id}`,
        `${recs[7]!.id}-${recs[8]!.id}`,
      ]),
    );
    expect(new Set(pairs.map((p) => p.join())).size).toBe(pairs.length);
    expect(pairs).toEqual([...pairs].sort((x, y) => x[0] - y[0] || x[1] - y[1]));
    for (const [i, j] of pairs) expect(i).toBeLessThan(j);
  });

  it('never pairs records of schemas that cannot match', () => {
    const pairs = blockPairs(recs);
    expect(pairs.some(([i, j]) => i === 3 && j === 9)).toBe(false);
    expect(pairs.some(([i, j]) => i === 4 && j === 9)).toBe(false);
  });

  it('pairs records of one document too (they may go to review)', () => {
    const same = [record({ names: ['Ali Hassan Mohammadi'] }), record({ names: ['MOHAMMADI, Ali Hassan'] })];
    expect(blockPairs(same)).toEqual([[0, 1]]);
  });

  it('leaves out keys that too many records share', () => {
    const many = Array.from({ length: 30 }, (_, i) => record({ names: [`Mohammad Ali ${['Rezaei', 'Karimi', 'Ahmadi'][i % 3]} ${i}`], identifiers: [{ type: 'passportNumber', key: 'NA0000', country: null }] }));
    // Same identifier placeholder and same two common tokens for all 30: dropped at 20; only the surnames' blocks (10 each) remain.
    const capped = blockPairs(many, { maxBlock: 20, maxTokenBlock: 20 });
    expect(capped.length).toBe(3 * ((10 * 9) / 2));
    expect(blockPairs(many, { maxBlock: 40, maxTokenBlock: 40 }).length).toBe((30 * 29) / 2);
  });

  it('blocks only pairs touching the subset in the incremental pass: the full pass\'s pairs restricted to it', () => {
    const synthetic = syntheticRecords(3000, 7);
    const full = blockPairs(synthetic);
    const subset = new Set(synthetic.filter((_, i) => i % 97 === 0).map((r) => r.id));
    const inc = blockPairs(synthetic, { subset });
    expect(inc.length).toBeGreaterThan(0);
    for (const [i, j] of inc) expect(subset.has(synthetic[i]!.id) || subset.has(synthetic[j]!.id)).toBe(true);
    expect(inc).toEqual(full.filter(([i, j]) => subset.has(synthetic[i]!.id) || subset.has(synthetic[j]!.id)));
  });

  it('is deterministic', () => {
    const synthetic = syntheticRecords(2000, 3);
    expect(blockPairs(synthetic)).toEqual(blockPairs([...synthetic]));
  });

  it('does not block on weak aliases', () => {
    const r = record({ names: ['Ali Karimi'], weakNames: ['Haji Ali'] });
    expect(recordKeys(r).some((k) => k.includes('haji'))).toBe(false);
  });
});
