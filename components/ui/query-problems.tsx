import type { QueryProblem } from '@/lib/validation/search-params';

/**
 * Says which settings of the address a page could not use and reset (a bad value, or a parameter
 * holding a control character, lib/validation/search-params.ts), so nothing is dropped silently.
 * `labels` names a parameter as the page's form does; an unknown one is shown by its name.
 */
export function QueryProblems({ problems, labels = {} }: { problems: readonly QueryProblem[]; labels?: Readonly<Record<string, string>> }) {
  if (!problems.length) return null;
  return (
    <div className="notice" role="status" data-testid="query-problems">
      Some settings in the address could not be used and were reset:
      <ul>
        {problems.map((p) => (
          <li key={p.field}>
            <strong>{labels[p.field] ?? p.field}</strong>: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
