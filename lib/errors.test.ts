import { describe, expect, it, vi } from 'vitest';
import { AppError, DATABASE_UNAVAILABLE_DIGEST, databaseUnavailableError, isDatabaseUnavailable, sqlState, toErrorResponse } from './errors';

const socket = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect', errno: -111 });

describe('database unavailable', () => {
  it.each([
    ['refused socket', socket('ECONNREFUSED')],
    ['reset socket', socket('ECONNRESET')],
    ['admin shutdown (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' })],
    ['starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['connection exception class 08', Object.assign(new Error('x'), { code: '08006' })],
    ['adapter kind, nested', Object.assign(new Error('driver adapter error'), { cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1' } })],
    ['Prisma P1001', Object.assign(new Error("Can't reach database server"), { code: 'P1001' })],
    ['Prisma P2028 (no connection free to start the transaction)', Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), { code: 'P2028' })],
    ['pg "Connection terminated unexpectedly"', new Error('Connection terminated unexpectedly')],
    ['our own error', databaseUnavailableError()],
  ])('%s → 503 DATABASE_UNAVAILABLE without the raw message', (_label, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { status, body } = toErrorResponse(err);
    spy.mockRestore();
    expect(status).toBe(503);
    expect(body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(body.error.message).toMatch(/database is unavailable/i);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|57P01|administrator command/);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }), 409],
    ['a syntax error (42601)', Object.assign(new Error('syntax error at or near'), { code: '42601' }), 500],
    ['a plain bug', new TypeError('x is undefined'), 500],
    ['an AppError', new AppError('CONFLICT', 'stale'), 409],
  ])('%s is not mistaken for an outage', (_label, err, status) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(toErrorResponse(err).status).toBe(status);
    spy.mockRestore();
  });

  it('carries the digest pages read', () => {
    expect((databaseUnavailableError() as AppError & { digest?: string }).digest).toBe(DATABASE_UNAVAILABLE_DIGEST);
  });
});

describe('sqlState', () => {
  it("reads the SQLSTATE of pg's error and of Prisma's raw-query error, and nothing else", () => {
    // The shape Prisma 7 throws for a failed $queryRaw through @prisma/adapter-pg (P2010).
    const prisma = Object.assign(new Error('Raw query failed. Code: `57014`.'), {
      code: 'P2010',
      meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: '57014', kind: 'postgres', code: '57014' } } },
    });
    expect(sqlState(prisma)).toBe('57014');
    expect(sqlState(Object.assign(new Error('canceling statement'), { code: '57014' }))).toBe('57014');
    expect(sqlState(Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }))).toBeUndefined();
    expect(sqlState(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(sqlState('57014')).toBeUndefined();
  });
});
