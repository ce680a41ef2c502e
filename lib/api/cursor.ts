// Opaque pagination cursors: the sort key of the last item of a page (keyset pagination, so pages
// stay complete and without duplicates while paging). Clients must not build or parse them.
import { AppError } from '../errors';

export type Keyset = readonly [string, string];

export function encodeCursor(key: Keyset): string {
  return Buffer.from(JSON.stringify({ v: 1, k: key }), 'utf8').toString('base64url');
}

/** The keyset of a cursor from a previous page; a 422 on `cursor` for anything else. */
export function decodeCursor(cursor: string | undefined): Keyset | null {
  if (cursor === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'v' in parsed && 'k' in parsed && parsed.v === 1 && Array.isArray(parsed.k)) {
      const [a, b] = parsed.k as unknown[];
      if (parsed.k.length === 2 && typeof a === 'string' && typeof b === 'string') return [a, b];
    }
  } catch {
    // falls through to the 422 below
  }
  throw new AppError('UNPROCESSABLE', 'Some fields are not valid: see the messages next to them.', {
    cursor: ['cursor is not valid: pass the nextCursor of the previous page unchanged, or omit it for the first page.'],
  });
}
