// Sign-in protection over HTTP, through next-auth's real credentials endpoint: no user enumeration
// and lockout after 5 failures (the e2e server's LOGIN_MAX_FAILURES), for unknown emails too.
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { createTestUser, signIn, withDb } from '../factories/sessions';

async function attempt(email: string, password: string) {
  const r = await signIn(email, password);
  const cookies = (await r.context.storageState()).cookies.map((c) => c.name);
  await r.context.dispose();
  return { status: r.status, error: r.error, signedIn: cookies.includes('next-auth.session-token') };
}

test('an unknown email, a wrong password and a disabled account get the same answer', async () => {
  const user = await createTestUser('ANALYST', 'enum');
  const disabled = await createTestUser('ANALYST', 'enum-disabled');
  await withDb((c) => c.query('UPDATE app_user SET disabled = true WHERE id = $1', [disabled.id]));
  const wrong = await attempt(user.email, 'not the password');
  const unknown = await attempt(`nobody-${randomBytes(4).toString('hex')}@example.org`, 'not the password');
  const off = await attempt(disabled.email, disabled.password);
  expect(wrong).toEqual({ status: 401, error: 'CredentialsSignin', signedIn: false });
  expect(unknown).toEqual(wrong);
  expect(off).toEqual(wrong);
  expect(await attempt(user.email, user.password)).toMatchObject({ status: 200, error: null, signedIn: true });
});

test('five failures lock the account — the right password is then refused too — and unknown emails alike', async () => {
  const user = await createTestUser('ANALYST', 'lockout');
  const unknown = `nobody-${randomBytes(4).toString('hex')}@example.org`;
  for (let i = 0; i < 5; i++) {
    expect(await attempt(user.email, `wrong ${i}`)).toMatchObject({ error: 'CredentialsSignin' });
    expect(await attempt(unknown, `wrong ${i}`)).toMatchObject({ error: 'CredentialsSignin' });
  }
  const locked = await attempt(user.email, user.password);
  expect(locked).toEqual({ status: 401, error: 'AccountLocked', signedIn: false });
  expect(await attempt(unknown, 'anything')).toEqual(locked);
});
