import type { Role } from '@/lib/auth/permissions';

declare module 'next-auth' {
  interface User {
    role: Role;
    mustChangePassword: boolean;
  }
  interface Session {
    user?: { id: string; email: string; name: string | null; role: Role; mustChangePassword: boolean };
    revoked?: boolean;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    role?: Role;
    mustChangePassword?: boolean;
    revoked?: boolean;
  }
}
