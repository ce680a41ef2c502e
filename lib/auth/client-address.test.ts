import { describe, expect, it } from 'vitest';
import { UNVERIFIED_ADDRESS, clientAddress } from './client-address';
import { env } from '../env';

describe('clientAddress', () => {
  it.runIf(process.env.TRUST_PROXY === undefined)('trusts no proxy by default (TRUST_PROXY unset is 0)', () => {
    expect(env.TRUST_PROXY).toBe(0);
    expect(clientAddress({ 'x-forwarded-for': '203.0.113.9, 127.0.0.1' })).toBe(UNVERIFIED_ADDRESS);
  });

  it('with 0 hops, uses the one entry Next writes from the socket and ignores a header the client wrote', () => {
    expect(clientAddress({ 'x-forwarded-for': '127.0.0.1' }, 0)).toBe('127.0.0.1');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '::1' }), 0)).toBe('::1');
    // Next never appends: two entries reaching an app without a proxy were both sent by the client.
    for (const forged of ['198.51.100.7, 203.0.113.9', '10.0.0.1,10.0.0.2,10.0.0.3', '<script>', '']) {
      expect(clientAddress({ 'x-forwarded-for': forged }, 0), forged).toBe(UNVERIFIED_ADDRESS);
    }
  });

  it('with N hops, takes the entry N from the right (what our outermost proxy appended)', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '10.0.0.1, 203.0.113.7' }), 1)).toBe('203.0.113.7');
    // A client prepending made-up entries does not move the one our proxies wrote.
    expect(clientAddress({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2, 203.0.113.7, 10.0.0.5' }, 2)).toBe('203.0.113.7');
    expect(clientAddress({ 'x-forwarded-for': ['198.51.100.1', '203.0.113.7'] }, 1)).toBe('203.0.113.7');
    expect(clientAddress({ 'x-forwarded-for': 'FE80::1' }, 1)).toBe('fe80::1');
  });

  it('pools headers that cannot be what our hops wrote, so none escapes the per-address limit', () => {
    expect(clientAddress({ 'x-forwarded-for': '203.0.113.7' }, 2)).toBe(UNVERIFIED_ADDRESS);
    expect(clientAddress({ 'x-forwarded-for': '1.2.3.4, <script>' }, 1)).toBe(UNVERIFIED_ADDRESS);
  });

  it('gives null without a header (not a request Next served from a socket)', () => {
    expect(clientAddress(undefined)).toBeNull();
    expect(clientAddress({})).toBeNull();
    expect(clientAddress(new Headers())).toBeNull();
  });
});
