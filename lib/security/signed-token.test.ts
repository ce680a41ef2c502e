import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from './signed-token';

const SECRET = 'x'.repeat(40);

describe('signed tokens', () => {
  it('round-trips a payload for its purpose only', () => {
    const t = signToken('feed', { u: 'user1', v: 3, q: 'authority=US' }, SECRET);
    expect(verifyToken('feed', t, SECRET)).toEqual({ u: 'user1', v: 3, q: 'authority=US' });
    expect(verifyToken('unsubscribe', t, SECRET)).toBeNull();
  });
  it('refuses a changed payload, another secret, and malformed tokens', () => {
    const t = signToken('feed', { u: 'user1', v: 1 }, SECRET);
    const [body, mac] = t.split('.');
    const forged = Buffer.from(JSON.stringify({ u: 'admin', v: 1 })).toString('base64url');
    expect(verifyToken('feed', `${forged}.${mac}`, SECRET)).toBeNull();
    expect(verifyToken('feed', t, 'y'.repeat(40))).toBeNull();
    expect(verifyToken('feed', `${body}`, SECRET)).toBeNull();
    expect(verifyToken('feed', '', SECRET)).toBeNull();
    expect(verifyToken('feed', `${body}.${mac}x`, SECRET)).toBeNull();
  });
});
