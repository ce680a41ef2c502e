import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { decodeCursor, encodeCursor } from './cursor';

describe('pagination cursors', () => {
  it('round-trip a keyset, including unicode and quotes', () => {
    const key = ['ﺵركت "x" <y>', 'cuid123'] as const;
    const c = encodeCursor(key);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c)).toEqual(key);
  });

  it('treat no cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeNull();
  });

  it.each(['not-base64!!', Buffer.from('{"v":2,"k":["a","b"]}').toString('base64url'), Buffer.from('{"v":1,"k":["a"]}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'refuse a forged or damaged cursor %s with a 422 on cursor',
    (c) => {
      try {
        decodeCursor(c);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).status).toBe(422);
        expect((err as AppError).fieldErrors?.cursor?.[0]).toMatch(/nextCursor/);
      }
    },
  );
});
