import { describe, expect, it } from 'vitest';
import { xml2js, type Element } from 'xml-js';
import { buildChangesFeed, escapeHtml } from './feed';
import type { ChangeItem } from './types';

const NASTY = '<script>alert(1)</script>&"]]>\u0001';

function change(over: Partial<ChangeItem>): ChangeItem {
  return {
    id: '7',
    kind: 'LISTED',
    targetType: 'Designation',
    targetId: 'd1',
    editionDate: '2026-12-01',
    recordedAt: '2026-12-02T08:00:00.000Z',
    entityId: 'ent1',
    recordedEntityId: 'ent0',
    entityExists: true,
    entityName: 'ACME',
    recordId: 'r1',
    sourceKey: '123',
    authorityId: 'US-OFAC',
    authorityName: 'OFAC',
    programs: ['SDGT'],
    countries: ['IR'],
    fields: {},
    run: { id: 'run1', fileName: 'sdn.xml', format: 'ofac-xml' },
    ...over,
  };
}

const children = (e: Element | undefined, name: string) => (e?.elements ?? []).filter((c) => c.name === name);
const textOf = (e: Element | undefined) => (e?.elements ?? []).map((c) => c.text ?? c.cdata ?? '').join('');

function parse(xml: string) {
  const doc = xml2js(xml, { compact: false }) as Element;
  const feed = children(doc, 'feed')[0]!;
  return { feed, entries: children(feed, 'entry') };
}

describe('the changes feed', () => {
  const xml = buildChangesFeed({
    baseUrl: 'https://tracker.example.org',
    selfUrl: 'https://tracker.example.org/feeds/changes?kind=LISTED&token=abc.def',
    pageUrl: 'https://tracker.example.org/changes?kind=LISTED',
    title: `What changed: ${NASTY}`,
    changes: [
      change({ id: '9', entityName: NASTY, entityId: 'ent 9', fields: { reason: { from: null, to: NASTY } }, recordedAt: '2026-12-03T08:00:00.000Z' }),
      change({ id: '8', kind: 'LIFTED', authorityId: 'EU', authorityName: 'EU' }),
    ],
  });

  it('is well-formed Atom with one entry per change, linking to the live entity', () => {
    const { feed, entries } = parse(xml);
    expect(feed.attributes?.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => textOf(children(e, 'id')[0]))).toEqual(['urn:sanctions-tracker:change:9', 'urn:sanctions-tracker:change:8']);
    expect(children(entries[0], 'link')[0]!.attributes!.href).toBe('https://tracker.example.org/entities/ent%209');
    expect(textOf(children(feed, 'updated')[0])).toBe('2026-12-03T08:00:00.000Z');
    expect(children(feed, 'link').find((l) => l.attributes?.rel === 'self')!.attributes!.href).toBe('https://tracker.example.org/feeds/changes?kind=LISTED&token=abc.def');
    expect(textOf(children(entries[1], 'title')[0])).toBe('Lifted by EU: ACME');
  });

  it('escapes list text for the reader: a name is never markup, and never ends the CDATA', () => {
    const { feed, entries } = parse(xml);
    const title = textOf(children(entries[0], 'title')[0]);
    // type="html": the reader decodes the escapes and shows the characters, it runs nothing.
    expect(children(entries[0], 'title')[0]!.attributes!.type).toBe('html');
    expect(title).toBe('Listed by OFAC: &lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;]]&gt;');
    expect(textOf(children(entries[0], 'summary')[0])).toContain('Reason: &lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;]]&gt;');
    expect(textOf(children(feed, 'title')[0])).toBe('What changed: <script>alert(1)</script>&"]]>');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u0001');
  });

  it('is an empty but valid feed when nothing matches', () => {
    const empty = buildChangesFeed({ baseUrl: 'https://x.example', selfUrl: 'https://x.example/feeds/changes?token=t', pageUrl: 'https://x.example/changes', title: 'All changes', changes: [] });
    expect(parse(empty).entries).toEqual([]);
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
