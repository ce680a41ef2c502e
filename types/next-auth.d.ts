import type { Role } from '@/lib/auth/permissions';

declare module 'next-auth' {
  interface User {
    role: Role;
    mustChangePassword: boolean;
    sessionVersion: number;
    /** The server-side session created at sign-in (user_session.id). */
    sessionId: string;
  }
  interface Session {
    user?: { id: string; email: string; name: string | null; role: Role; mustChangePassword: boolean; sessionId: string };
    revoked?: boolean;
    /** The database could not be reached to check the user (see lib/auth/options.ts). */
    unavailable?: boolean;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    role?: Role;
    mustChangePassword?: boolean;
    revoked?: boolean;
    unavailable?: boolean;
    /** The user's sessionVersion at sign-in: a later bump (password, role, disable) revokes this session. */
    sv?: number;
    /** Sign-in time (epoch seconds), for the absolute session lifetime. */
    authTime?: number;
    /** The server-side session (user_session.id): revoked there, the cookie is refused. */
    sid?: string;
  }
}
