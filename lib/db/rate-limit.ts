import 'server-only';
// Fixed-window rate limiting in PostgreSQL (table rate_limit_bucket), so that the limit holds across
// app replicas. One statement: an atomic upsert that counts this request in the current window
// (computed from the database clock, not each replica's), and drops this key's older windows.
import { prisma } from './client';

export type RateLimitResult = { allowed: boolean; limit: number; remaining: number; count: number; retryAfterSeconds: number };

export async function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  // NOTE: window_start is a UTC timestamp without time zone (Prisma's DateTime); the epoch
  // arithmetic keeps the session's time zone out of it.
  // NOTE: this statement's transaction commits without waiting for the WAL flush (synchronous_commit
  // off, for this transaction only): every API request writes here, and under load the requests of
  // one token queue on its counter row for as long as each commit waits for the disk. A crash can
  // lose the last fraction of a second of counts — acceptable for a quota, never done for data.
  const [row] = await prisma.$queryRaw<Array<{ count: number; retry_after: number }>>`
    WITH w AS (
      SELECT floor(extract(epoch FROM clock_timestamp()) / ${windowSeconds}::int) * ${windowSeconds}::int AS start_epoch,
             extract(epoch FROM clock_timestamp()) AS now_epoch,
             set_config('synchronous_commit', 'off', true) AS async_commit
    ),
    ws AS (SELECT (to_timestamp(w.start_epoch) AT TIME ZONE 'UTC')::timestamp(3) AS start, w.start_epoch, w.now_epoch FROM w),
    up AS (
      INSERT INTO rate_limit_bucket (key, window_start, count)
      SELECT ${key}, ws.start, 1 FROM ws
      ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_bucket.count + 1
      RETURNING count
    ),
    old AS (DELETE FROM rate_limit_bucket b USING ws WHERE b.key = ${key} AND b.window_start < ws.start)
    SELECT up.count, ceil(ws.start_epoch + ${windowSeconds}::int - ws.now_epoch)::int AS retry_after FROM up, ws`;
  if (!row) throw new Error('rate limit upsert returned no row');
  return { allowed: row.count <= limit, limit, remaining: Math.max(0, limit - row.count), count: row.count, retryAfterSeconds: Math.max(1, row.retry_after) };
}
