import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { prisma } from './client';
import { hitRateLimit } from './rate-limit';

describe('rate limit (fixed window in SQL)', () => {
  it('allows `limit` requests per window, then refuses with the seconds left', async () => {
    const key = `test:${randomUUID()}`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(key, 3, 3600));
    expect(results.map((r) => [r.count, r.allowed, r.remaining])).toEqual([
      [1, true, 2],
      [2, true, 1],
      [3, true, 0],
      [4, false, 0],
    ]);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(results[3]!.retryAfterSeconds).toBeLessThanOrEqual(3600);
  });

  it('counts concurrent requests atomically', async () => {
    const key = `test:${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(key, 10, 3600)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it('keeps keys apart and drops a key’s past windows', async () => {
    const a = `test:${randomUUID()}`;
    const b = `test:${randomUUID()}`;
    await prisma.rateLimitBucket.create({ data: { key: a, windowStart: new Date(Date.UTC(2020, 0, 1)), count: 99 } });
    expect((await hitRateLimit(a, 5, 60)).count).toBe(1);
    expect((await hitRateLimit(b, 5, 60)).count).toBe(1);
    expect(await prisma.rateLimitBucket.count({ where: { key: a } })).toBe(1);
  });
});
