import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/forms/login-form';
import { getPrincipal } from '@/lib/auth/session';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined);
  if (await getPrincipal()) redirect(callbackUrl);
  return (
    <main className="auth-wrap">
      <div className="auth-card">
        <h1>Sanctions Tracker</h1>
        <p className="muted">Sign in with the email and password your administrator gave you.</p>
        <LoginForm callbackUrl={callbackUrl} lockoutMinutes={env.LOGIN_LOCKOUT_MINUTES} />
      </div>
    </main>
  );
}
