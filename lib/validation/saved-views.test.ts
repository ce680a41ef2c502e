import { describe, expect, it } from 'vitest';
import { isSaveablePath, savedViewHref, saveViewSchema } from './saved-views';

describe('saved views', () => {
  it('accept the app’s pages only, never another site or the API', () => {
    for (const p of ['/', '/entities', '/entities/abc_123']) expect(isSaveablePath(p)).toBe(true);
    for (const p of ['//evil.example', 'https://evil.example', '/api/v1/series', '/views/1', '/account/tokens', '/admin', '/\\evil', '/a//b', '']) expect(isSaveablePath(p)).toBe(false);
  });

  it('keep the query string as the URL has it, without "?"', () => {
    const v = saveViewSchema.parse({ name: ' Q4 EU ', path: '/', query: '?granularity=month&authority=EU&authority=UK' });
    expect(v).toEqual({ name: 'Q4 EU', path: '/', query: 'granularity=month&authority=EU&authority=UK' });
    expect(savedViewHref(v)).toBe('/?granularity=month&authority=EU&authority=UK');
    expect(savedViewHref({ path: '/', query: '' })).toBe('/');
  });

  it('refuse an empty name with a message', () => {
    const r = saveViewSchema.safeParse({ name: '  ', path: '/', query: '' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('Give the view a name.');
  });
});
