// process.env, validated once. Server code reads configuration from here, never from process.env.
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  // next-auth v4 reads NEXTAUTH_SECRET; AUTH_SECRET is the documented name (and next-auth v5's).
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // The public URL (next-auth's): a mutating request's Origin must be this one or the request's host.
  NEXTAUTH_URL: z.string().url().optional(),
  // Reverse proxies in front of the app that append the client to X-Forwarded-For (0: none, the app is
  // reached directly). The client address is the entry this many from the right (lib/auth/client-address.ts).
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  // Read API (/api/v1): requests per token (or per signed-in user) per fixed window.
  API_RATE_LIMIT_MAX: z.coerce.number().int().positive().default(120),
  API_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  // Entity search: the longest a name search may run before it is cancelled and the user asked for
  // a more specific query (a word of one or two letters matches most names).
  SEARCH_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(20_000),
  // Admin import uploads (/admin/imports/new): the largest file accepted, in MB, and where uploads
  // wait (streamed to disk, never held in memory) until the import is applied or abandoned.
  IMPORT_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(100_000).default(1024),
  IMPORT_UPLOAD_DIR: z.string().min(1).optional(),
  // Sessions: an absolute lifetime from sign-in, and an idle timeout (the cookie's expiry, renewed by
  // activity). Both are enforced on the server, not only by the browser dropping the cookie.
  SESSION_MAX_AGE_MINUTES: z.coerce.number().int().min(5).max(43_200).default(480),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(43_200).default(60),
  // Sign-in protection: an account is locked after LOGIN_MAX_FAILURES failed attempts (counted over
  // LOGIN_LOCKOUT_MINUTES) for LOGIN_LOCKOUT_MINUTES, or until an administrator unlocks it; a client
  // address that fails LOGIN_ADDRESS_MAX_FAILURES times within LOGIN_ADDRESS_WINDOW_MINUTES is
  // refused until its window ends.
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(10_080).default(15),
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).max(100_000).default(50),
  LOGIN_ADDRESS_WINDOW_MINUTES: z.coerce.number().int().min(1).max(10_080).default(15),
  // Live data (issue 27, README "Live data"). The in-app scheduler runs enabled sources on their
  // schedule; SYNC_SCHEDULER=off leaves syncing to `npm run sync` (cron outside the app).
  SYNC_SCHEDULER: z.enum(['on', 'off']).default('on'),
  // Downloads: per attempt, the largest file, and the attempts for a network fault (backoff between).
  SYNC_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3_600).default(120),
  SYNC_MAX_MB: z.coerce.number().int().min(1).max(10_000).default(500),
  SYNC_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
  // Alerts by e-mail (nodemailer): none is sent while SMTP_URL is unset (smtp://user:pass@host:587).
  SMTP_URL: z.string().url().optional(),
  ALERT_EMAIL_FROM: z.string().min(3).default('Sanctions Tracker <alerts@localhost>'),
  // The app's address as mail and feeds link to it (unsubscribe, entity pages).
  PUBLIC_URL: z.string().url().optional(),
  // Webhook targets on loopback, private or link-local addresses are refused (SSRF) unless their
  // host is listed here, comma-separated (e.g. an intranet receiver, or the tests' local server).
  WEBHOOK_ALLOW_HOSTS: z.string().default(''),
});

const parsed = schema.safeParse(process.env);
if (!parsed.success) {
  throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
}

export const env = parsed.data;

export function requireDatabaseUrl(): string {
  if (!env.DATABASE_URL) {
    throw new Error('DATABASE_URL is not set. Start the app with `npm start` (embedded database) or set DATABASE_URL.');
  }
  return env.DATABASE_URL;
}

export function authSecret(): string | undefined {
  return env.AUTH_SECRET ?? env.NEXTAUTH_SECRET;
}
