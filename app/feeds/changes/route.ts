// The Atom feed of a filter's changes (issue 27): GET /feeds/changes?token=…&authority=…&kind=…
// Feed readers send no cookie: the signed feed token in the URL is the only credential (never the
// session, so a link shared by mistake is the token's reach, not the browser's). Outside /api/ so
// that its answers are a feed and plain text, not the read API's JSON.
import type { NextRequest } from 'next/server';
import { getFeedPrincipal } from '@/lib/db/changes/feed-token';
import { listChanges } from '@/lib/db/changes/list-changes';
import { hitRateLimit } from '@/lib/db/rate-limit';
import { buildChangesFeed } from '@/lib/changes/feed';
import { changesHref } from '@/lib/changes/filter';
import { describeChangesFilter } from '@/lib/changes/describe';
import { changesFeedQuerySchema } from '@/lib/validation/changes';
import { assertNoControlCharacters, searchParamsToObject } from '@/lib/validation/search-params';
import { env } from '@/lib/env';
import { AppError, toErrorResponse } from '@/lib/errors';

/** Entries per feed: readers poll, and keep what they saw. */
const FEED_SIZE = 50;

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(`${body}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers } });
}

function baseUrl(req: NextRequest): string {
  return (env.PUBLIC_URL ?? env.NEXTAUTH_URL ?? req.nextUrl.origin).replace(/\/+$/, '');
}

export async function GET(req: NextRequest): Promise<Response> {
  try {
    const token = req.nextUrl.searchParams.get('token');
    const principal = await getFeedPrincipal(token);
    if (!principal) return text(401, 'The feed token is missing, not valid, or was reset. Copy the feed address again from the Changes page.');
    const limit = await hitRateLimit(`token:${principal.tokenId}`, env.API_RATE_LIMIT_MAX, env.API_RATE_LIMIT_WINDOW_SECONDS);
    if (!limit.allowed) return text(429, `Too many requests: try again in ${limit.retryAfterSeconds} s.`, { 'Retry-After': String(limit.retryAfterSeconds) });

    const raw = searchParamsToObject(req.nextUrl.searchParams);
    assertNoControlCharacters(raw);
    const filter = changesFeedQuerySchema.parse(raw);
    const page = await listChanges(principal, filter, { limit: FEED_SIZE });
    const base = baseUrl(req);
    const xml = buildChangesFeed({
      baseUrl: base,
      selfUrl: `${base}${changesHref('/feeds/changes', filter, { token })}`,
      pageUrl: `${base}${changesHref('/changes', filter)}`,
      title: `Sanctions Tracker — what changed: ${describeChangesFilter(filter)}`,
      changes: page.items,
    });
    // private: the URL holds a personal token; no shared cache may keep the answer.
    return new Response(xml, { status: 200, headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'private, max-age=300', 'X-Robots-Tag': 'noindex' } });
  } catch (err) {
    const { status, body } = toErrorResponse(err);
    // One line per problem, each naming its parameter.
    const fields = Object.entries(body.error.fieldErrors ?? {}).flatMap(([name, messages]) => messages.map((m) => (m.startsWith(`${name}:`) || m.startsWith(`${name} `) ? m : `${name}: ${m}`)));
    const headers: Record<string, string> = status === 503 ? { 'Retry-After': '30' } : {};
    return text(status, fields.length ? fields.join('\n') : err instanceof AppError ? err.message : body.error.message, headers);
  }
}
