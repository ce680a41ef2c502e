'use client';

import { useRouter } from 'next/navigation';
import { startTransition } from 'react';
import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/errors';

// Errors never show a stack trace or a raw database message: the digest lets us find the log line.
// A lost database connection has its own digest (lib/db/client.ts), so the page can say so plainly.
export function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  // NOTE: reset() alone re-renders the client only; a server error needs the server render again.
  const retry = () => startTransition(() => {
    router.refresh();
    reset();
  });
  if (error.digest === DATABASE_UNAVAILABLE_DIGEST) {
    return (
      <div className="panel" role="alert" data-testid="database-unavailable">
        <h1>Database unavailable</h1>
        <p>The database cannot be reached at the moment, so this page cannot show its data. Nothing was changed. The app reconnects by itself: try again in a minute.</p>
        <button type="button" className="btn" onClick={retry}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <div className="panel" role="alert">
      <h1>Something went wrong</h1>
      <p>The page could not be loaded. Try again; if it keeps failing, tell an administrator{error.digest ? ` (reference ${error.digest})` : ''}.</p>
      <button type="button" className="btn" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
