// The edition registry's pure side: which lift scopes an import covers, and whether an edition may
// be applied after the ones a database holds (docs/adr/0013-editions-and-program-registry.md).
import type { LiftScope } from '../import/types';

/**
 * The registry scopes of a run: one per whole list it replaces — the origin ('ofac-sdn', 'un-sc',
 * 'uk-list', 'eu-fsf'), or one per act for the EU journal files ('eu-journal:32014R0269'), each
 * with the key prefix its lifts cover ('' = the whole origin).
 */
export function editionScopes(scope: LiftScope): Array<{ scope: string; prefix: string }> {
  if (!scope) return [];
  if (!scope.keyPrefixes) return [{ scope: scope.origin, prefix: '' }];
  return scope.keyPrefixes.map((p) => ({ scope: `${scope.origin}:${p.replace(/#$/, '')}`, prefix: p }));
}

export type HeldEdition = { scope: string; editionDate: string };

/** The scopes whose latest held edition is newer than `edition` (an older edition would rewind them). */
export function newerHeld(edition: string, held: HeldEdition[]): HeldEdition[] {
  return held.filter((h) => h.editionDate > edition);
}

export function olderEditionMessage(edition: string, newer: HeldEdition[]): string {
  const what = newer.map((h) => `${h.scope} (edition of ${h.editionDate})`).join(', ');
  return (
    `this is the edition of ${edition}, older than what the database holds for ${what}: applied now, it would lift the entries listed since ` +
    `and list again the entries lifted since. Nothing was written. Import editions oldest first; to rebuild history in order on purpose, pass --allow-older (audited).`
  );
}

export const NO_EDITION_DATE =
  'the file(s) state no edition date (and the file name holds none): an apply needs one, to keep editions in order and to bound lifting dates — pass --date YYYY-MM-DD (the day the authority published this edition)';

/** A lifting's bounds, as the entity page and the exports say them. */
export function liftingBounds(endDate: string, qualifier: 'EXACT' | 'ON_OR_BEFORE', after: string | null): string {
  if (qualifier === 'EXACT') return endDate;
  return after ? `after ${after}, on or before ${endDate}` : `on or before ${endDate}`;
}
