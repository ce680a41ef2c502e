import { describe, expect, it } from 'vitest';
import { buildNameCorpus, withCorpus } from './corpus';
import { scorePair, DEFAULT_THRESHOLDS } from './score';
import { record } from './testing';

describe('a name each list gives one record', () => {
  const ofac = record({ id: 'ofac-1', document: 'ofac-sdn', authority: 'US-OFAC', names: ['PRIGOZHIN, Yevgeniy Viktorovich'] });
  const uk = record({ id: 'uk-1', document: 'uk-list', authority: 'UK', names: ['Yevgeniy Viktorovich PRIGOZHIN'] });

  it('merges a clean review pair when each list names one record so (word order aside)', () => {
    const corpus = buildNameCorpus([ofac, uk]);
    const base = scorePair(ofac, uk);
    expect(base.decision).toBe('review');
    const s = withCorpus(base, ofac, uk, corpus, DEFAULT_THRESHOLDS);
    expect(s.decision).toBe('merge');
    expect(s.evidence.at(-1)).toMatchObject({ feature: 'uniqueName' });
  });

  it('does not when a list has two records so named, or the pair has evidence against it', () => {
    const twin = record({ id: 'ofac-2', document: 'ofac-sdn', authority: 'US-OFAC', names: ['PRIGOZHIN, Yevgeniy Viktorovich'] });
    expect(withCorpus(scorePair(ofac, uk), ofac, uk, buildNameCorpus([ofac, twin, uk]), DEFAULT_THRESHOLDS).decision).toBe('review');
    const born = record({ id: 'ofac-3', document: 'ofac-sdn', authority: 'US-OFAC', names: ['PRIGOZHIN, Yevgeniy Viktorovich'], birthDates: [{ date: '1961-06-01', precision: 'DAY' }] });
    const other = record({ id: 'uk-2', document: 'uk-list', authority: 'UK', names: ['Yevgeniy Viktorovich PRIGOZHIN'], birthDates: [{ date: '1975-01-01', precision: 'YEAR' }] });
    const s = scorePair(born, other);
    expect(withCorpus(s, born, other, buildNameCorpus([born, other]), DEFAULT_THRESHOLDS).decision).toBe(s.decision);
    expect(s.decision).not.toBe('merge');
  });

  it('never for a short name: one-word organisations, two-word persons', () => {
    const a = record({ id: 'a', schema: 'Organization', document: 'ofac-sdn', names: ['ROSNEFT'] });
    const b = record({ id: 'b', schema: 'Organization', document: 'uk-list', names: ['Rosneft'] });
    expect(buildNameCorpus([a, b]).uniqueName(a, b)).toBeNull();
    const p = record({ id: 'p', document: 'ofac-sdn', names: ['ALI HOSSEINI'] });
    const q = record({ id: 'q', document: 'uk-list', names: ['Ali Hosseini'] });
    expect(buildNameCorpus([p, q]).uniqueName(p, q)).toBeNull();
  });
});

describe('a legal form is part of the name here', () => {
  it('a subsidiary with a legal form the parent lacks is not named alike ("Bank Melli Iran ZAO")', () => {
    const parent = record({ id: 'p', schema: 'Organization', document: 'ofac-sdn', names: ['BANK MELLI IRAN'] });
    const sub = record({ id: 's', schema: 'Organization', document: 'eu:32012R0267', names: ['Bank Melli Iran ZAO'] });
    expect(buildNameCorpus([parent, sub]).uniqueName(parent, sub)).toBeNull();
    const a = record({ id: 'a', schema: 'Company', document: 'ofac-sdn', names: ['RUSATOM OVERSEAS JOINT STOCK COMPANY'] });
    const b = record({ id: 'b', schema: 'Company', document: 'uk-list', names: ['JSC RUSATOM OVERSEAS'] });
    expect(buildNameCorpus([a, b]).uniqueName(a, b)).toBe('oversea rusatom');
  });
});
