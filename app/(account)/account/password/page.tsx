// Where sign-in sends a user who must replace a one-time password (lib/auth/session.ts).
export { default, metadata } from '../page';
