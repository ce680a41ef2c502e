// One error model for actions, route handlers and imports (STYLE.md "One error model").
import { ZodError } from 'zod';

export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
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

function prismaCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof (err as { code: unknown }).code === 'string') {
    const code = (err as { code: string }).code;
    return /^P\d{4}$/.test(code) ? code : undefined;
  }
  return undefined;
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
  const code = prismaCode(err);
  if (code === 'P2002') return { status: 409, body: { error: { code: 'CONFLICT', message: 'A record with the same unique value already exists.' } } };
  if (code === 'P2025') return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'The record does not exist (it may have been deleted).' } } };
  console.error('[unexpected error]', err);
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Something went wrong on our side. The error was logged; please try again.' } } };
}
