// process.env, validated once. Server code reads configuration from here, never from process.env.
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  // next-auth v4 reads NEXTAUTH_SECRET; AUTH_SECRET is the documented name (and next-auth v5's).
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  // Read API (/api/v1): requests per token (or per signed-in user) per fixed window.
  API_RATE_LIMIT_MAX: z.coerce.number().int().positive().default(120),
  API_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
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
