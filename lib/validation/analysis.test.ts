import { describe, expect, it } from 'vitest';
import { windowsQuerySchema } from './analysis';

describe('windowsQuerySchema', () => {
  it('defaults to 90 days and accepts 1..3650', () => {
    expect(windowsQuerySchema.parse({}).days).toBe(90);
    expect(windowsQuerySchema.parse({ days: '1' }).days).toBe(1);
    expect(windowsQuerySchema.parse({ days: '3650' }).days).toBe(3650);
  });
  it('refuses out-of-range and non-integer values with a message a person can act on', () => {
    for (const [days, msg] of [
      ['0', 'at least 1'],
      ['3651', 'at most 3650'],
      ['1.5', 'whole number'],
      ['abc', 'number'],
    ] as const) {
      const r = windowsQuerySchema.safeParse({ days });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toContain(msg);
    }
  });
});
