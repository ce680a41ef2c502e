import 'server-only';
// next-auth v4 configuration: email + password (Credentials), JWT sessions carrying the role.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getActivePrincipal, verifyCredentials } from '../db/users';
import { authSecret } from '../env';
import { ROLES } from './permissions';

const credentialsSchema = z.object({ email: z.string().trim().email().max(320), password: z.string().min(1).max(1024) });

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60; // one working day

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const principal = await verifyCredentials(parsed.data.email, parsed.data.password);
        return principal ? { id: principal.id, email: principal.email, name: principal.name, role: principal.role, mustChangePassword: principal.mustChangePassword } : null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.mustChangePassword = user.mustChangePassword;
        return token;
      }
      // NOTE: re-read on every server-side session check, so that disabling a user or changing a
      // role takes effect on their next request rather than when their JWT expires.
      if (typeof token.uid === 'string') {
        const principal = await getActivePrincipal(token.uid);
        if (!principal) return { ...token, revoked: true };
        token.role = principal.role;
        token.mustChangePassword = principal.mustChangePassword;
        token.name = principal.name;
        token.email = principal.email;
      }
      return token;
    },
    async session({ session, token }) {
      const role = ROLES.find((r) => r === token.role);
      if (token.revoked || typeof token.uid !== 'string' || !role) return { ...session, user: undefined, revoked: true };
      session.user = {
        id: token.uid,
        email: token.email ?? '',
        name: token.name ?? null,
        role,
        mustChangePassword: token.mustChangePassword === true,
      };
      return session;
    },
  },
};
