// Test helpers for lib/resolution: a record factory and a seeded synthetic corpus shaped like the
// lists (many persons with a few very common given names, companies with common business words
// and legal forms, vessels with IMO numbers; about a third listed by two or three documents, each
// copy spelled its list's way). Used by the unit tests only.
import type { ResolutionRecord } from './types';
import { prng } from '../random';

let counter = 0;

/** A record with defaults: a person on OFAC's SDN list with nothing but the names given. */
export function record(p: Partial<ResolutionRecord> & { names: string[] }): ResolutionRecord {
  counter++;
  return {
    id: `r${counter}`,
    entityId: `e${counter}`,
    document: 'ofac-sdn',
    authority: 'US-OFAC',
    schema: 'Person',
    weakNames: [],
    birthDates: [],
    countries: [],
    identifiers: [],
    programs: [],
    unReference: null,
    ...p,
  };
}


const DOCUMENTS: Array<[string, string]> = [
  ['ofac-sdn', 'US-OFAC'],
  ['eu:32014R0269', 'EU'],
  ['eu:32012R0267', 'EU'],
  ['uk-list', 'UK'],
  ['un-sc', 'UN'],
  ['opensanctions:default', 'OpenSanctions'],
];
const GIVEN = ['mohammad', 'ali', 'hossein', 'ahmad', 'reza', 'abdul', 'hassan', 'sergey', 'aleksandr', 'dmitriy', 'andrey', 'vladimir', 'igor', 'kim', 'ri', 'yevgeniy', 'oleg', 'nikolay', 'mikhail', 'pavel'];
const BUSINESS = ['trading', 'industries', 'bank', 'group', 'international', 'shipping', 'engineering', 'plant', 'systems', 'holding', 'energy', 'logistics', 'petroleum', 'aviation', 'electronics'];
const FORMS = ['LLC', 'JSC', 'OOO', 'AO', 'LTD', 'FZE', 'CO', 'PJSC', ''];
const COUNTRIES = ['ru', 'ir', 'kp', 'sy', 'by', 'cn', 'ae', 'tr', 'hk', 've'];
const SYL = ['ba', 'ka', 'ro', 'mi', 'za', 'ne', 'to', 'shi', 'kha', 'vo', 'dar', 'len', 'gor', 'sal', 'tan', 'rin', 'mas', 'bek', 'ov', 'ev', 'in', 'ski', 'yan', 'pur', 'zad', 'nia'];

/**
 * `n` records, deterministic for a seed. About a third of the entities appear in two or three
 * documents with spelling variants; `entityId`s are all distinct (nothing merged yet). `truth[i]`
 * is the generated thing record i stands for (coined names can collide: two truths, one name).
 */
export function syntheticCorpus(n: number, seed = 1): { records: ResolutionRecord[]; truth: number[] } {
  const r = prng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  // Zipf-like: a few words very common, a long tail of rare ones.
  const zipf = (size: number) => Math.floor(size * Math.pow(r(), 2.5));
  const word = (i: number) => {
    let s = '';
    let x = i + 7;
    for (let k = 0; k < 3; k++) {
      s += SYL[x % SYL.length];
      x = Math.floor(x / SYL.length) + k * 5;
    }
    return s;
  };
  const variant = (name: string) => {
    const v = r();
    if (v < 0.3) return name.toUpperCase();
    if (v < 0.5) return name.replace(/kh/g, 'h').replace(/iy\b/g, 'y');
    if (v < 0.65) return name.split(' ').reverse().join(' ');
    if (v < 0.75) return name.replace(/ou/g, 'u').replace(/ov\b/g, 'off');
    return name;
  };
  const out: ResolutionRecord[] = [];
  const truth: number[] = [];
  let entity = 0;
  while (out.length < n) {
    entity++;
    const kind = r();
    const schema: ResolutionRecord['schema'] = kind < 0.55 ? 'Person' : kind < 0.9 ? (r() < 0.5 ? 'Company' : 'Organization') : kind < 0.97 ? 'Vessel' : 'Airplane';
    let name: string;
    const ids: ResolutionRecord['identifiers'] = [];
    let dob: ResolutionRecord['birthDates'] = [];
    if (schema === 'Person') {
      name = `${GIVEN[zipf(GIVEN.length)]} ${r() < 0.4 ? word(zipf(3000)) + 'ovich ' : ''}${word(zipf(20000))}`;
      if (r() < 0.7) dob = [{ date: `${1940 + Math.floor(r() * 50)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`, precision: 'DAY' }];
      if (r() < 0.2) ids.push({ type: 'passportNumber', key: `P${Math.floor(r() * 1e7)}`, country: pick(COUNTRIES) });
    } else if (schema === 'Vessel') {
      name = `${word(zipf(5000))} ${r() < 0.3 ? Math.floor(r() * 9) + 1 : ''}`.trim();
      ids.push({ type: 'imoNumber', key: String(9000000 + Math.floor(r() * 999999)), country: null });
    } else if (schema === 'Airplane') {
      name = `${pick(['Boeing 747', 'Airbus A340', 'Ilyushin Il-76', 'Boeing 777'])}`;
      ids.push({ type: 'serialNumber', key: `MSN${Math.floor(r() * 1e5)}`, country: null });
    } else {
      const words = [word(zipf(20000)), ...Array.from({ length: 1 + Math.floor(r() * 2) }, () => (r() < 0.6 ? BUSINESS[zipf(BUSINESS.length)]! : word(zipf(20000))))];
      name = `${words.join(' ')} ${pick(FORMS)}`.trim();
      if (r() < 0.3) ids.push({ type: 'ogrnCode', key: String(1020000000000 + Math.floor(r() * 1e10)), country: 'ru' });
    }
    const countries = [pick(COUNTRIES)];
    const copies = r() < 0.35 ? 2 + Math.floor(r() * 2) : 1;
    const docs = [...DOCUMENTS].sort(() => r() - 0.5).slice(0, copies);
    for (const [document, authority] of docs) {
      if (out.length >= n) break;
      const id = `s${out.length}`;
      truth.push(entity);
      out.push({
        id,
        entityId: `E${id}`,
        document,
        authority,
        schema,
        names: [variant(name), ...(r() < 0.3 ? [variant(name) + ' ' + word(zipf(20000))] : [])],
        weakNames: r() < 0.1 ? [word(zipf(20000))] : [],
        birthDates: dob,
        countries,
        identifiers: r() < 0.8 ? ids : [],
        programs: [pick(['RUSSIA-EO14024', 'IRAN', 'SDGT', 'DPRK3', 'SYRIA'])],
        unReference: null,
      });
    }
  }
  return { records: out, truth };
}

export const syntheticRecords = (n: number, seed = 1) => syntheticCorpus(n, seed).records;
