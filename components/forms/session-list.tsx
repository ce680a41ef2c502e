'use client';
// The caller's open sessions (Account → Sessions): device, where from, last seen; end one, or all.
import Bowser from 'bowser';
import { useRouter } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { useState, useTransition } from 'react';

type Result<T> = { ok: true; data: T } | { ok: false; error: string };
export type SessionRow = { id: string; userAgent: string | null; ipAddress: string | null; createdAt: string; lastSeenAt: string; isCurrent: boolean };

/** "Firefox 128 on Linux" from a User-Agent header; "Unknown device" when there is none. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const ua = Bowser.parse(userAgent);
  const browser = [ua.browser.name, ua.browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const os = [ua.os.name, ua.os.versionName].filter(Boolean).join(' ');
  if (!browser && !os) return userAgent.slice(0, 80);
  return os ? `${browser || 'A browser'} on ${os}` : browser;
}

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function SessionList({
  sessions,
  endSession,
  endAll,
}: {
  sessions: SessionRow[];
  endSession: (input: { sessionId: string }) => Promise<Result<{ ended: boolean }>>;
  endAll: (input: { confirm: 'sign-out-everywhere' }) => Promise<Result<{ ended: number }>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const end = (id: string) =>
    startTransition(async () => {
      const r = await endSession({ sessionId: id });
      if (r.ok) {
        setError(null);
        router.refresh();
      } else setError(r.error);
    });
  const everywhere = () =>
    startTransition(async () => {
      const r = await endAll({ confirm: 'sign-out-everywhere' });
      // This session has ended on the server too: drop its cookie and go to sign-in.
      if (r.ok) await signOut({ callbackUrl: '/login' });
      else setError(r.error);
    });
  return (
    <>
      <div className="table-wrap">
        <table data-testid="sessions-table">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last seen</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {describeDevice(s.userAgent)}
                  {s.isCurrent ? <span className="muted small"> (this session)</span> : null}
                </td>
                <td className="mono">{s.ipAddress ?? '—'}</td>
                <td className="mono">{utc(s.createdAt)}</td>
                <td className="mono">{utc(s.lastSeenAt)}</td>
                <td>
                  {s.isCurrent ? null : (
                    <button type="button" className="btn btn-quiet btn-small" disabled={pending} onClick={() => end(s.id)} aria-label={`End the session of ${describeDevice(s.userAgent)}, last seen ${utc(s.lastSeenAt)}`}>
                      End
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <button type="button" className="btn" disabled={pending} onClick={everywhere}>
          Sign out everywhere
        </button>{' '}
        <span className="muted small">Ends every session of yours, this one included: a copied cookie stops working at once.</span>
      </p>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </>
  );
}
