import { authedRoute, readOnlyRoute } from '@/lib/api/route';
import { getDataAsOf } from '@/lib/db/sources/data-as-of';
import { getEventStudy } from '@/lib/db/event-study/study';
import { eventStudyApiQuerySchema } from '@/lib/validation/event-study';

export const GET = authedRoute({ permission: 'data:read', query: eventStudyApiQuerySchema, rateLimit: true }, async ({ query, principal }) => {
  const [s, asOf] = await Promise.all([getEventStudy(principal, query), getDataAsOf(principal)]);
  return {
    asOf,
    query: s.query,
    alpha: s.alpha,
    placebos: s.placebos,
    tests: s.tests,
    leftOut: s.leftOut,
    coverage: s.coverage,
    rows: s.rows.map((r) => {
      const ok = r.result.status === 'ok' ? r.result : null;
      return {
        eventId: r.eventId,
        milestones: r.milestones,
        windows: r.windows,
        authorityId: r.authorityId,
        authorityName: r.authorityName,
        status: r.result.status,
        reason: r.result.status === 'ok' ? null : r.result.reason,
        before: r.result.before,
        after: r.result.after,
        expected: ok?.expected ?? null,
        excess: ok?.excess ?? null,
        interval: ok?.interval ?? null,
        p: ok?.p ?? null,
        adjustedP: r.adjustedP,
        verdict: r.verdict.label,
        sentence: r.verdict.sentence,
        overlapsWith: r.overlapsWith,
      };
    }),
  };
});

export const { POST, PUT, PATCH, DELETE } = readOnlyRoute();
