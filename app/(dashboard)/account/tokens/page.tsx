import type { Metadata } from 'next';
import { CreateApiTokenForm, RevokeApiTokenButton } from '@/components/forms/api-token-forms';
import { requirePagePrincipal } from '@/lib/auth/session';
import { listApiTokens } from '@/lib/db/accounts/api-tokens';
import { formatPartialDate } from '@/lib/dates';

export const metadata: Metadata = { title: 'API tokens' };

function when(iso: string | null): string {
  return iso ? `${formatPartialDate(iso.slice(0, 10), 'DAY')} ${iso.slice(11, 16)} UTC` : '—';
}

export default async function ApiTokensPage() {
  const principal = await requirePagePrincipal('self:manage');
  const tokens = await listApiTokens(principal);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>API tokens</h1>
          <p className="muted">
            Personal tokens for scripts that read the <a href="/api/v1/openapi.json">read API</a> (<code>/api/v1</code>). A token reads what you can read and cannot change anything. Revoke a token you no longer use.
          </p>
        </div>
      </header>
      <section className="panel" aria-labelledby="new-token-title">
        <h2 id="new-token-title">New token</h2>
        <CreateApiTokenForm />
      </section>
      <section className="panel" aria-labelledby="tokens-title">
        <h2 id="tokens-title">Your tokens</h2>
        {tokens.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <td>{t.name}</td>
                    <td className="mono">{t.prefix}…</td>
                    <td>{when(t.createdAt)}</td>
                    <td>{when(t.lastUsedAt)}</td>
                    <td>{t.revokedAt ? `Revoked ${when(t.revokedAt)}` : 'Active'}</td>
                    <td>{t.revokedAt ? null : <RevokeApiTokenButton id={t.id} name={t.name} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">You have no API tokens yet.</p>
        )}
      </section>
    </>
  );
}
