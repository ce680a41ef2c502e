'use client';
// The Atom feed address of the current filter, to paste into a feed reader. The address holds the
// user's feed token: shown in a field (not only as a link) so it can be copied whole.
import { useState, useSyncExternalStore } from 'react';

const noSubscription = () => () => undefined;

export function FeedLink({ href }: { href: string }) {
  // The absolute address needs the browser's origin: on the server (and while hydrating) the relative one.
  const origin = useSyncExternalStore(noSubscription, () => window.location.origin, () => '');
  const url = origin ? new URL(href, origin).toString() : href;
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div className="controls feed-link" data-testid="changes-feed">
      <a href={href} className="btn btn-quiet" type="application/atom+xml">
        Feed
      </a>
      <div className="field">
        <label htmlFor="changes-feed-url" className="small">
          Feed address (Atom) for these filters — it holds your personal feed token: do not share it
        </label>
        <input id="changes-feed-url" type="text" readOnly value={url} size={60} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <button type="button" className="btn btn-quiet" onClick={copy}>
        {copied ? 'Copied' : 'Copy address'}
      </button>
    </div>
  );
}
