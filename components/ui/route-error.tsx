'use client';

// Errors never show a stack trace or a raw database message: the digest lets us find the log line.
export function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="panel" role="alert">
      <h1>Something went wrong</h1>
      <p>The page could not be loaded. Try again; if it keeps failing, tell an administrator{error.digest ? ` (reference ${error.digest})` : ''}.</p>
      <button type="button" className="btn" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
