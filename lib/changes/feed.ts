// The Atom feed of a filter's changes (library `feed`). It writes titles and summaries as
// type="html" inside CDATA, unescaped: a list's text ("<script>", "]]>") would be markup to the
// reader, or end the CDATA early. So every text is HTML-escaped here (which also leaves no "]]>"),
// and characters XML 1.0 forbids are dropped.
import { Feed } from 'feed';
import { changeSummaryLines, changeTitle } from './describe';
import type { ChangeItem } from './types';

// XML 1.0 Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF (lone surrogates out).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlSafe(s: string): string {
  return s.replace(NOT_XML_CHAR, '');
}

export function escapeHtml(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export type ChangesFeedOptions = {
  /** The app's address, no trailing slash: entry links go to its entity pages. */
  baseUrl: string;
  /** This feed's own URL (rel="self"), token included: what the reader subscribed to. */
  selfUrl: string;
  /** The page showing the same filter, without the token. */
  pageUrl: string;
  /** "Changes: US-OFAC, Listed" — the filter in words. */
  title: string;
  changes: readonly ChangeItem[];
};

export function buildChangesFeed(o: ChangesFeedOptions): string {
  const newest = o.changes.reduce<string | null>((max, c) => (max === null || c.recordedAt > max ? c.recordedAt : max), null);
  const feed = new Feed({
    // NOTE: the id names the filter, not the token: resetting the token must not look like a new feed.
    id: `${o.pageUrl}`,
    title: xmlSafe(o.title),
    link: o.pageUrl,
    feed: o.selfUrl,
    updated: newest ? new Date(newest) : new Date(0),
    generator: false,
    description: 'Changes to the official sanctions lists, as the imports of their editions recorded them.',
  });
  for (const c of o.changes) {
    const entityUrl = `${o.baseUrl}/entities/${encodeURIComponent(c.entityId)}`;
    const lines = changeSummaryLines(c);
    feed.addItem({
      id: `urn:sanctions-tracker:change:${c.id}`,
      title: escapeHtml(changeTitle(c)),
      link: entityUrl,
      date: new Date(c.recordedAt),
      published: new Date(c.recordedAt),
      description: lines.map(escapeHtml).join('<br/>'),
      // NOTE: the library writes category attributes escaping only "&" and '"': the code alone, cut to its safe characters.
      category: c.authorityId ? [{ term: c.authorityId.replace(/[^A-Za-z0-9-]/g, '') }] : undefined,
    });
  }
  return feed.atom1();
}
