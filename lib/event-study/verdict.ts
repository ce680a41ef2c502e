// The study's answer in plain words, for the milestones page and exports.
import type { StudyResult } from './types';

export type VerdictLabel = 'more than usual' | 'fewer than usual' | 'no clear change' | 'insufficient data';
/** The counted thing: a plural noun used for every count, or both forms ('designation(s)'). */
export type Unit = string | { one: string; other: string };

const plural = new Intl.PluralRules('en');
const unitFor = (unit: Unit, n: number) => (typeof unit === 'string' ? unit : plural.select(n) === 'one' ? unit.one : unit.other);
const count = (n: number) => (Math.abs(n) >= 10 ? Math.round(n) : Math.round(n * 10) / 10).toLocaleString('en');
const pValue = (p: number) => (p < 0.001 ? '< 0.001' : p < 0.01 ? p.toFixed(3) : p.toFixed(2));

/**
 * "31 designations after vs 14 expected from the trend (p = 0.004, adjusted 0.03): more than usual."
 * The label is decided on the adjusted p-value when there is one (several tests at once), else on p;
 * its direction is the tail the p-value came from.
 */
export function verdict(r: StudyResult, adjustedP: number | null, alpha: number, unit: Unit): { label: VerdictLabel; sentence: string } {
  if (r.status !== 'ok') return { label: 'insufficient data', sentence: `Not enough data: ${r.reason}.` };
  const p = adjustedP ?? r.p;
  const label: VerdictLabel = p >= alpha ? 'no clear change' : r.pUp < r.pDown ? 'more than usual' : 'fewer than usual';
  const from = r.baseline === 'trend' ? 'the trend' : 'the average before';
  const ps = `p ${r.p < 0.001 ? '' : '= '}${pValue(r.p)}${adjustedP === null ? '' : `, adjusted ${pValue(adjustedP)}`}`;
  return { label, sentence: `${count(r.after)} ${unitFor(unit, r.after)} after vs ${count(r.expected)} expected from ${from} (${ps}): ${label}.` };
}
