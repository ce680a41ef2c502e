// Cross-list entity resolution (issue 24): the pure logic that decides which source records of the
// sanctions lists (OFAC, EU, UK, UN, OpenSanctions) name one thing. The database layer loads
// records, calls blocking → scoring → clustering, and applies the plan; nothing here does I/O.
import type { IdentifierType } from '../normalize/identifier-types';

export const RESOLUTION_SCHEMAS = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane'] as const;
export type ResolutionSchema = (typeof RESOLUTION_SCHEMAS)[number];

export type ResolutionRecord = {
  /** Source-record id. */
  id: string;
  /** The cluster (entity) the record is in now. */
  entityId: string;
  /** The source document: 'ofac-sdn', 'ofac-cons', 'eu:32012R0267', 'uk-list', 'un-sc', 'opensanctions:…'. */
  document: string;
  /** 'US-OFAC', 'EU', 'UK', 'UN', … */
  authority: string;
  schema: ResolutionSchema;
  /** Primary name first, then the aliases that are not weak. */
  names: string[];
  /** Low-quality a.k.a.s: compared at a discount, never used for blocking. */
  weakNames: string[];
  /** 'YYYY-MM-DD' (the first day of the period): persons' dates of birth, organisations' incorporation. */
  birthDates: Array<{ date: string; precision: 'YEAR' | 'MONTH' | 'DAY' }>;
  /** ISO 3166-1 alpha-2, lower case: nationality, citizenship, country, address countries. */
  countries: string[];
  /** `key` is the comparison form (upper case, no separators). */
  identifiers: Array<{ type: IdentifierType; key: string; country: string | null }>;
  /** Program codes: context only. */
  programs: string[];
  /** The UN reference number the record states (the UN list's own; the UK list's for UN-derived entries). */
  unReference: string | null;
  /** Persons' places of birth as the list writes them ("Ordzhonikidze, North Ossetia, Russia"). */
  birthPlaces?: string[];
  /** Websites and email addresses as the list writes them: an organisation's own domain identifies it. */
  contacts?: string[];
};

export const DECISIONS = ['merge', 'review', 'no'] as const;
export type Decision = (typeof DECISIONS)[number];

export type Thresholds = { merge: number; review: number };

export type Evidence = { feature: string; weight: number; detail: string };

export type PairScore = { score: number; evidence: Evidence[]; decision: Decision };

/** A scored pair as the clustering takes it: by record id. */
export type ScoredPair = { a: string; b: string; score: number; decision: Decision; evidence?: Evidence[] };

/** An admin's decision on a pair (accepted match, rejected match, or a split). */
export type Judgement = { a: string; b: string; same: boolean };
