import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './callback-url';

describe('safeCallbackUrl', () => {
  it('keeps paths on this site, with their query', () => {
    expect(safeCallbackUrl('/entities?q=qods')).toBe('/entities?q=qods');
    expect(safeCallbackUrl('http://localhost:3000/entities/x')).toBe('/entities/x');
    expect(safeCallbackUrl(undefined)).toBe('/');
  });

  it('refuses other origins and tricks', () => {
    for (const bad of ['https://evil.example/', '//evil.example/x', 'javascript:alert(1)', '/login?callbackUrl=/x']) expect(safeCallbackUrl(bad)).toBe('/');
  });
});
