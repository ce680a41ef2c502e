import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce } from './headers';

describe('contentSecurityPolicy', () => {
  const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

  it('allows only nonce-carrying scripts, never inline or eval ones in production', () => {
    const csp = contentSecurityPolicy('abc123');
    expect(directive(csp, 'script-src')).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('adds eval only in development, and the https upgrade only over https', () => {
    expect(directive(contentSecurityPolicy('n', { dev: true }), 'script-src')).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy('n', { https: true })).toContain('upgrade-insecure-requests');
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(a);
  });
});
