// One error model for actions, route handlers and imports (STYLE.md "One error model").
import { ZodError } from 'zod';

export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  // A mutating request from another site (or, with a session cookie, from no site at all): CSRF.
  CROSS_ORIGIN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string; fieldErrors?: FieldErrors; details?: Record<string, unknown> } };

export function fieldErrorsFromZod(err: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of err.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** The digest Next keeps for a page error thrown with it, so error.tsx can say what happened. */
export const DATABASE_UNAVAILABLE_DIGEST = 'DATABASE_UNAVAILABLE';
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable at the moment. Nothing was changed; try again in a minute.';

// Connection-level failures, as each layer names them: Node sockets, PostgreSQL SQLSTATEs
// (class 08 connection exception, 57P01–57P03 shutdown/crash/starting up, 53300 too many
// connections), the Prisma driver adapter's kinds and Prisma's P1xxx codes (P2024: pool timeout;
// P2028: a transaction could not start in time or expired — under load, every connection busy;
// it was rolled back, so "nothing was changed, try again" is true).
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const SQLSTATES = /^(08\d{3}|08P01|57P0[1-3]|53300)$/;
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'DatabaseDoesNotExist']);
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
const MESSAGES = /Connection terminated|terminating connection due to administrator command|the database system is (shutting down|starting up|in recovery mode)|Can't reach database server|Server has closed the connection|Client has encountered a connection error|Connection refused|ECONNREFUSED/i;

/**
 * True when the error means "the database cannot be reached right now" (stopped, restarting,
 * network) rather than a bad query: such errors become a 503 DATABASE_UNAVAILABLE, never a 500.
 * Walks `cause` chains (the driver adapter nests the pg error).
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (depth > 5 || typeof err !== 'object' || err === null) return false;
  if (err instanceof AppError) return err.code === 'DATABASE_UNAVAILABLE';
  const e = err as { code?: unknown; kind?: unknown; digest?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (e.digest === DATABASE_UNAVAILABLE_DIGEST) return true;
  if (typeof e.code === 'string' && (SOCKET_CODES.has(e.code) || SQLSTATES.test(e.code) || PRISMA_CODES.has(e.code))) return true;
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** The AppError for an unreachable database, with the digest a page's error boundary reads. */
export function databaseUnavailableError(): AppError {
  return Object.assign(new AppError('DATABASE_UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE), { digest: DATABASE_UNAVAILABLE_DIGEST });
}

function prismaCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof (err as { code: unknown }).code === 'string') {
    const code = (err as { code: string }).code;
    return /^P\d{4}$/.test(code) ? code : undefined;
  }
  return undefined;
}

/**
 * The PostgreSQL SQLSTATE of a failed query, if the error carries one: pg's own error, or Prisma's
 * raw-query error (P2010), which holds the driver adapter's error in `meta`.
 */
export function sqlState(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: { code?: unknown } } } };
  const inner = e.meta?.driverAdapterError?.cause?.code;
  if (typeof inner === 'string') return inner;
  // Five characters, and not one of Prisma's own codes (P1000–P6999; PL/pgSQL's are P0000–P0004).
  return typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && !/^P[1-9]\d{3}$/.test(e.code) ? e.code : undefined;
}

/**
 * Maps any thrown value to a status and a body safe to show a person. Unknown errors are logged
 * here and answered with a generic message: raw database errors and stack traces never leave.
 */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, fieldErrors: err.fieldErrors, details: err.details } } };
  }
  if (err instanceof ZodError) {
    return {
      status: 422,
      body: { error: { code: 'UNPROCESSABLE', message: 'Some fields are not valid: see the messages next to them.', fieldErrors: fieldErrorsFromZod(err) } },
    };
  }
  if (isDatabaseUnavailable(err)) {
    console.error('[database unavailable]', err instanceof Error ? err.message : err);
    return { status: 503, body: { error: { code: 'DATABASE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE } } };
  }
  const code = prismaCode(err);
  if (code === 'P2002') return { status: 409, body: { error: { code: 'CONFLICT', message: 'A record with the same unique value already exists.' } } };
  if (code === 'P2025') return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'The record does not exist (it may have been deleted).' } } };
  console.error('[unexpected error]', err);
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Something went wrong on our side. The error was logged; please try again.' } } };
}
