import 'server-only';
// Answers computed from the rollups (designation_month_count, designation_date_count), cached in
// this process and keyed by the rollup version (table rollup_version, set by every transaction that
// changes the rollups, in that transaction). A request reads the version — one primary-key lookup —
// and reuses an answer computed at that version: the answer is current exactly while the version
// is, so the cache never serves a stale count, across any number of app instances.
//
// What sets a new version (the triggers of migration 20261203121327): every change
// to the rollups (designations; entities' type or liveness), to programs, designations' programs or
// weapons programs, and to entities' countries. Only answers that read nothing else belong here:
// the series and coverage answered by the rollups or by the base aggregate split or filtered by
// program or country (lib/db/metrics.ts isVersioned), and the filter options. Names, aliases and
// participants do not set a version, so the name filter and the weapons/role series are never cached.
import { prisma } from './client';

const MAX_ENTRIES = 500;

type Entry = { version: string; value: Promise<unknown> };
const entries = new Map<string, Entry>();

/** The current rollup version ("0" before the first change). */
export async function readRollupVersion(): Promise<string> {
  const [row] = await prisma.$queryRaw<Array<{ version: bigint }>>`SELECT version FROM rollup_version WHERE id = 1`;
  return row ? row.version.toString() : '0';
}

/**
 * `compute()`'s answer for `key` at the current rollup version: from the cache when it was computed
 * at this version, else computed now. Concurrent requests for the same key and version share one
 * computation (the promise is cached), so a burst of identical requests runs the query once.
 */
export async function cachedAtRollupVersion<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const version = await readRollupVersion();
  const hit = entries.get(key);
  if (hit && hit.version === version) {
    // Least recently used goes first: re-insert to move this key to the end.
    entries.delete(key);
    entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  // Frozen: every later request gets this very object, so a caller that mutated it would change
  // other requests' answers; frozen, such a mutation throws where it happens instead.
  const value = compute().then(deepFreeze);
  const entry: Entry = { version, value };
  entries.delete(key);
  entries.set(key, entry);
  // A failed computation is not an answer: drop it so the next request tries again.
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return value;
}

/** How many answers are cached (for tests). */
export function rollupCacheSize(): number {
  return entries.size;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
