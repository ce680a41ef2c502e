import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="auth-wrap">
      <div className="auth-card">
        <h1>Not allowed</h1>
        <p>Your role does not give access to this page. If you need it, ask an administrator.</p>
        <Link href="/">Back to the overview</Link>
      </div>
    </main>
  );
}
