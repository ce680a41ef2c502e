// Candidate pairs for resolution without comparing every record with every other (30,000 records
// would be 450 million pairs): records meet in blocks that share a name key, an identifier value or
// a UN reference number; only pairs within a block are scored. A key shared by too many records
// ("mohammad", an identifier "0000") says nothing and would cost quadratically, so its block is
// dropped — the same blocks in the full and the incremental pass, so both find the same pairs.
import { nameKeys, nameKindOf } from './names';
import type { ResolutionRecord, ResolutionSchema } from './types';

/** Records beyond this in one block of a whole name, an identifier or a UN reference: a placeholder or a very common name. */
export const DEFAULT_MAX_BLOCK = 200;
/** Two shared tokens ("hosseini" + "mohammad"): a looser key, so a smaller block. */
export const DEFAULT_MAX_TOKEN_BLOCK = 50;
/** One shared token: only for rare tokens (a surname a handful of records share). */
export const DEFAULT_MAX_RARE_TOKEN_BLOCK = 10;

export type BlockOptions = {
  /** The incremental pass: only pairs with at least one record whose id is in the subset. */
  subset?: Set<string>;
  maxBlock?: number;
  maxTokenBlock?: number;
  maxRareTokenBlock?: number;
};

/** Blocks never mix schemas that can never match (Person with a vessel), so they stay small. */
export function schemaClass(schema: ResolutionSchema): 'person' | 'org' | 'vessel' | 'airplane' {
  return schema === 'Person' ? 'person' : schema === 'Vessel' ? 'vessel' : schema === 'Airplane' ? 'airplane' : 'org';
}

export const normalizeUnReference = (v: string) => v.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** The blocking keys of one record (unprefixed; blocks are per schema class). Weak aliases are left out: too noisy to block on. */
function keysOf(r: ResolutionRecord): Set<string> {
  const kind = nameKindOf(r.schema);
  const keys = new Set<string>();
  for (const name of r.names) for (const k of nameKeys(name, kind)) keys.add(k);
  for (const id of r.identifiers) {
    if (id.type === 'unReferenceNumber') continue;
    if (id.key.length >= 3) keys.add(`id:${id.type}:${id.key}`);
  }
  const un = [r.unReference, ...r.identifiers.filter((i) => i.type === 'unReferenceNumber').map((i) => i.key)];
  for (const u of un) if (u && normalizeUnReference(u).length >= 3) keys.add(`un:${normalizeUnReference(u)}`);
  return keys;
}

/** The blocking keys of one record, prefixed with its schema class (for inspection and tests). */
export function recordKeys(r: ResolutionRecord): string[] {
  const cls = schemaClass(r.schema);
  return [...keysOf(r)].map((k) => `${cls}|${k}`);
}

/** Candidate pairs (indices into `records`, i < j), each once, in ascending order. */
export function blockPairs(records: readonly ResolutionRecord[], opts: BlockOptions = {}): Array<[number, number]> {
  const maxBlock = opts.maxBlock ?? DEFAULT_MAX_BLOCK;
  const maxTokenBlock = opts.maxTokenBlock ?? DEFAULT_MAX_TOKEN_BLOCK;
  const maxRareTokenBlock = opts.maxRareTokenBlock ?? DEFAULT_MAX_RARE_TOKEN_BLOCK;
  const n = records.length;
  const inSubset = opts.subset ? Uint8Array.from(records, (r) => (opts.subset!.has(r.id) ? 1 : 0)) : null;

  // One index per schema class: a person and a company of one name never share a block.
  const indexes = new Map<string, Map<string, number[]>>();
  for (let i = 0; i < n; i++) {
    const cls = schemaClass(records[i]!.schema);
    const index = indexes.get(cls) ?? indexes.set(cls, new Map()).get(cls)!;
    for (const k of keysOf(records[i]!)) {
      const list = index.get(k);
      if (list) list.push(i);
      else index.set(k, [i]);
    }
  }

  const seen = new Set<number>();
  for (const index of indexes.values()) {
    for (const [key, members] of index) {
      if (members.length < 2) continue;
      const cap = key.startsWith('t:') ? maxRareTokenBlock : key.startsWith('t2:') ? maxTokenBlock : maxBlock;
      if (members.length > cap) continue;
      if (inSubset) {
        if (!members.some((i) => inSubset[i])) continue;
        for (const i of members) {
          if (!inSubset[i]) continue;
          for (const j of members) if (j !== i) seen.add(i < j ? i * n + j : j * n + i);
        }
      } else {
        // Members are in ascending index order (pushed while walking the records).
        for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) seen.add(members[x]! * n + members[y]!);
      }
    }
  }
  const codes = Float64Array.from(seen).sort();
  const out: Array<[number, number]> = new Array(codes.length);
  for (let k = 0; k < codes.length; k++) {
    const c = codes[k]!;
    const i = Math.floor(c / n);
    out[k] = [i, c - i * n];
  }
  return out;
}
