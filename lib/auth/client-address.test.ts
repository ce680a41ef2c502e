import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it('takes the rightmost X-Forwarded-For entry (the one our closest hop added)', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '10.0.0.1, 203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientAddress({ 'x-forwarded-for': '::1' })).toBe('::1');
  });

  it('gives null without a usable address', () => {
    expect(clientAddress(undefined)).toBeNull();
    expect(clientAddress({})).toBeNull();
    expect(clientAddress({ 'x-forwarded-for': '1.2.3.4, <script>' })).toBeNull();
  });
});
