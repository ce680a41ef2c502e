// URL query → plain object for zod: repeated keys become arrays (?authority=EU&authority=UK).
export type RawSearchParams = Record<string, string | string[] | undefined>;

export function searchParamsToObject(params: URLSearchParams): RawSearchParams {
  const out: RawSearchParams = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

/** The reverse, for links that must reproduce a view exactly. Empty values are dropped. */
export function objectToSearchParams(obj: Record<string, string | number | boolean | readonly (string | number)[] | null | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  return params;
}
