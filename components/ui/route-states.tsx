import Link from 'next/link';

export function RouteLoading() {
  return (
    <div className="panel" aria-busy="true" aria-live="polite">
      <p className="muted">Loading…</p>
    </div>
  );
}

export function RouteNotFound() {
  return (
    <div className="panel">
      <h1>Not found</h1>
      <p>This record does not exist, or it was deleted or merged into another one.</p>
      <Link href="/">Back to the overview</Link>
    </div>
  );
}
