import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="auth-wrap">
      <div className="auth-card">
        <h1>Not found</h1>
        <p>There is nothing at this address. It may have been deleted or merged into another record.</p>
        <Link href="/">Back to the overview</Link>
      </div>
    </main>
  );
}
