import { describe, expect, it } from 'vitest';
import { isUnavailable } from './errors';

/** Which failures are the platform being unavailable (503, retryable) rather than a bug (500). */
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
/** drizzle wraps every driver error: the driver's error is its cause. */
const wrapped = (cause: Error) => new Error('Failed query: insert into "loan_requests" …', { cause });

describe('isUnavailable', () => {
  it.each([
    ['PostgreSQL ended the session (pg_terminate_backend)', withCode('terminating connection', '57P01')],
    ['PostgreSQL is starting up', withCode('the database system is starting up', '57P03')],
    ['a connection exception (SQLSTATE class 08)', withCode('connection failure', '08006')],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['node-postgres on a dropped connection', new Error('Connection terminated unexpectedly')],
    [
      'node-postgres after its connection broke',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['ioredis on a stalled server', new Error('Command timed out')],
    [
      'ioredis after giving up retrying',
      Object.assign(new Error('Reached the max retries'), { name: 'MaxRetriesPerRequestError' }),
    ],
  ])('holds for %s, also when wrapped', (_what, error) => {
    expect(isUnavailable(error)).toBe(true);
    expect(isUnavailable(wrapped(error))).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error', withCode('syntax error at or near "selct"', '42601')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a message that merely begins like one', new Error('Connection terminated by the applicant: invalid input')],
  ])('does not hold for %s', (_what, error) => {
    expect(isUnavailable(wrapped(error))).toBe(false);
  });
});
