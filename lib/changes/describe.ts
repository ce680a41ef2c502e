// Changes in words, for the page, the feed and (later) alert messages: field names as people say
// them, values made readable ("2022-11-15" → "15 Nov 2022", lists joined, nothing → "none").
// Pure text: callers escape it for where it goes (React does; the feed escapes for HTML).
import { formatPartialDate, parsePartialDate } from '../dates';
import type { ChangeKind, ChangesFilter } from './filter';
import type { ChangeItem, FieldChange, JsonValue } from './types';

export const KIND_LABELS: Record<ChangeKind, string> = { LISTED: 'Listed', LIFTED: 'Lifted', RELISTED: 'Relisted', AMENDED: 'Amended' };

// The loader's field names (lib/db/imports.ts); an unknown one is split into words.
const FIELD_LABELS: Record<string, string> = {
  programs: 'Programs',
  programsAdded: 'Programs added',
  programsRemoved: 'Programs removed',
  reason: 'Reason',
  aliases: 'Aliases',
  aliasesAdded: 'Aliases added',
  aliasesRemoved: 'Aliases removed',
  name: 'Name',
  schema: 'Type',
  countries: 'Countries',
  countriesAdded: 'Countries added',
  countriesRemoved: 'Countries removed',
  identifiers: 'Identifiers',
  identifiersAdded: 'Identifiers added',
  identifiersRemoved: 'Identifiers removed',
  addresses: 'Addresses',
  addressesAdded: 'Addresses added',
  addressesRemoved: 'Addresses removed',
  birthDate: 'Birth / incorporation date',
  listingDate: 'Listing date',
  startDate: 'Start date',
  endDate: 'End date',
  status: 'Status',
  measures: 'Measures',
  legalAct: 'Legal act',
  sourceUrl: 'Source',
  relationship: 'Relationship',
};

/** 'aliasesAdded' → 'Aliases added', 'legal_act' → 'Legal act'. */
export function fieldLabel(field: string): string {
  const known = FIELD_LABELS[field];
  if (known) return known;
  const words = field
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : field;
}

const MAX_VALUE_CHARS = 300;

const isEmpty = (v: JsonValue | undefined): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** One value for people: dates in words, lists joined, objects as their values; long text cut. */
export function formatValue(v: JsonValue | undefined): string {
  if (isEmpty(v)) return 'none';
  let s: string;
  if (typeof v === 'string') {
    const d = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v) ? parsePartialDate(v) : null;
    s = d ? formatPartialDate(d.date, d.precision) : /^\d{4}-\d{2}-\d{2}T/.test(v) ? formatPartialDate(v.slice(0, 10), 'DAY') : v;
  } else if (typeof v === 'number' || typeof v === 'boolean') s = String(v);
  else if (Array.isArray(v)) s = v.map((x) => formatValue(x)).join(', ');
  else
    s = Object.entries(v as Record<string, JsonValue>)
      .filter(([, x]) => !isEmpty(x))
      .map(([k, x]) => `${fieldLabel(k).toLowerCase()}: ${formatValue(x)}`)
      .join('; ');
  return s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS - 1)}…` : s;
}

export type FieldChangeText = { field: string; label: string; from: string | null; to: string | null; text: string };

/**
 * Each field change in words. "Added"/"removed" lists, and a value set where there was none, read
 * as the value alone ("Programs added: SDGT"); a cleared value as "none"; else "before → after".
 */
export function describeFieldChanges(fields: Readonly<Record<string, FieldChange>>): FieldChangeText[] {
  return Object.entries(fields)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, c]) => {
      const label = fieldLabel(field);
      const onlyNew = isEmpty(c.from) || /(Added|Removed)$/.test(field);
      const to = formatValue(c.to);
      const from = onlyNew ? null : formatValue(c.from);
      return { field, label, from, to, text: from === null ? `${label}: ${to}` : `${label}: ${from} → ${to}` };
    });
}

/** A one-line title: "Listed by US-OFAC: ACME TRADING LLC". */
export function changeTitle(c: Pick<ChangeItem, 'kind' | 'authorityId' | 'authorityName' | 'entityName'>): string {
  const by = c.authorityName ?? c.authorityId;
  return `${KIND_LABELS[c.kind]}${by ? ` by ${by}` : ''}: ${c.entityName}`;
}

/** What the change says, in lines: programs and countries, then each field change. */
export function changeSummaryLines(c: Pick<ChangeItem, 'kind' | 'programs' | 'countries' | 'fields' | 'editionDate' | 'sourceKey' | 'targetType'>): string[] {
  const lines = [`${KIND_LABELS[c.kind]} (${c.targetType.toLowerCase()}) in the edition of ${formatPartialDate(c.editionDate, 'DAY')}; list key ${c.sourceKey}.`];
  if (c.programs.length) lines.push(`Programs: ${c.programs.join(', ')}`);
  if (c.countries.length) lines.push(`Countries: ${c.countries.join(', ')}`);
  for (const f of describeFieldChanges(c.fields)) lines.push(f.text);
  return lines;
}

/** The filter in words, for the feed's title and the page's heading: "Listed or lifted · EU or UK · program SDGT". */
export function describeChangesFilter(f: ChangesFilter, names: { authority?: (id: string) => string; weapon?: (slug: string) => string } = {}): string {
  const or = (xs: string[]) => (xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`);
  const parts: string[] = [];
  if (f.kind.length) parts.push(or(f.kind.map((k, i) => (i ? KIND_LABELS[k].toLowerCase() : KIND_LABELS[k]))));
  if (f.authority.length) parts.push(`by ${or(f.authority.map(names.authority ?? ((a) => a)))}`);
  if (f.program.length) parts.push(`program ${or(f.program)}`);
  if (f.weapon.length) parts.push(`weapons program ${or(f.weapon.map(names.weapon ?? ((w) => w)))}`);
  if (f.country.length) parts.push(`country ${or(f.country)}`);
  if (f.from && f.to) parts.push(`editions ${formatPartialDate(f.from, 'DAY')} – ${formatPartialDate(f.to, 'DAY')}`);
  else if (f.from) parts.push(`editions from ${formatPartialDate(f.from, 'DAY')}`);
  else if (f.to) parts.push(`editions up to ${formatPartialDate(f.to, 'DAY')}`);
  return parts.length ? parts.join(' · ') : 'All changes';
}
