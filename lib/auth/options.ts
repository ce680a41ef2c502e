import 'server-only';
// next-auth v4 configuration: email + password (Credentials), JWT sessions carrying the role.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { authenticate } from '../db/accounts/users';
import { createUserSession, getSessionState, revokeSession } from '../db/accounts/sessions';
import { authSecret } from '../env';
import { isDatabaseUnavailable } from '../errors';
import { ROLES } from './permissions';
import { clientAddress } from './client-address';
import { LOGIN_ERROR } from './login-errors';
import { isHttpsDeployment, isPastAbsoluteLifetime, sessionIdleSeconds } from './session-cookie';

const credentialsSchema = z.object({ email: z.string().trim().email().max(320), password: z.string().min(1).max(1024) });

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  // maxAge is the idle timeout: the proxy renews the cookie on activity; the absolute lifetime is
  // checked below (authTime) and in the proxy.
  session: { strategy: 'jwt', maxAge: sessionIdleSeconds() },
  useSecureCookies: isHttpsDeployment(),
  pages: { signIn: '/login' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await authenticate(parsed.data.email, parsed.data.password, clientAddress(req?.headers));
        if (result.ok) {
          const p = result.principal;
          const userAgent = req?.headers?.['user-agent'];
          const sessionId = await createUserSession({ userId: p.id, userAgent: typeof userAgent === 'string' ? userAgent : null, ipAddress: clientAddress(req?.headers) });
          return { id: p.id, email: p.email, name: p.name, role: p.role, mustChangePassword: p.mustChangePassword, sessionVersion: result.sessionVersion, sessionId };
        }
        // next-auth hands a thrown message to the sign-in form as its `error` code.
        if (result.reason === 'locked') throw new Error(result.block.reason === 'address' ? LOGIN_ERROR.throttled : LOGIN_ERROR.locked);
        return null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.mustChangePassword = user.mustChangePassword;
        token.sv = user.sessionVersion;
        token.sid = user.sessionId;
        token.authTime = Math.floor(Date.now() / 1000);
        return token;
      }
      if (token.revoked) return token;
      // NOTE: the one place a session is checked on the server, on every request that reads the
      // principal (lib/auth/session.ts): its row in user_session must be open (sign-out, "sign out
      // everywhere" and an admin end it), its user enabled, and the user's sessionVersion unchanged
      // (a password, role or disable change bumps it). A cookie without a session id predates
      // server-side sessions and is refused.
      if (typeof token.uid === 'string') {
        if (isPastAbsoluteLifetime(token) || typeof token.sid !== 'string') return { ...token, revoked: true };
        // NOTE: next-auth treats a throwing callback as "no session" (and clears the cookie), which
        // would sign everyone out during a database outage; the flag lets getPrincipal answer 503.
        const current = await getSessionState(token.uid, token.sid).catch((err: unknown) => {
          if (isDatabaseUnavailable(err)) return 'unavailable' as const;
          throw err;
        });
        if (current === 'unavailable') return { ...token, unavailable: true };
        delete token.unavailable;
        if (!current || current.sessionVersion !== token.sv) return { ...token, revoked: true };
        const principal = current.principal;
        token.role = principal.role;
        token.mustChangePassword = principal.mustChangePassword;
        token.name = principal.name;
        token.email = principal.email;
      }
      return token;
    },
    async session({ session, token }) {
      if (token.unavailable) return { ...session, user: undefined, unavailable: true };
      const role = ROLES.find((r) => r === token.role);
      if (token.revoked || typeof token.uid !== 'string' || !role) return { ...session, user: undefined, revoked: true };
      session.user = {
        id: token.uid,
        email: token.email ?? '',
        name: token.name ?? null,
        role,
        mustChangePassword: token.mustChangePassword === true,
        sessionId: typeof token.sid === 'string' ? token.sid : '',
      };
      return session;
    },
  },
  events: {
    // Sign-out ends the session on the server: a copy of the cookie taken before is refused.
    async signOut({ token }) {
      if (typeof token?.sid === 'string') await revokeSession(token.sid, 'sign-out');
    },
  },
};
