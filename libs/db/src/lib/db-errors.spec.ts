import { DatabaseError } from 'pg';
import { refusedByPostgres } from './db-errors';

function pgError(code: string, message: string): DatabaseError {
  const e = new DatabaseError(message, message.length, 'error');
  e.code = code;
  return e;
}

function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });
}

describe('refusedByPostgres', () => {
  it.each([
    ['23503', 'insert or update on table "cdrs" violates foreign key constraint'],
    ['23502', 'null value in column "tenant_id" violates not-null constraint'],
    ['22P02', 'invalid input syntax for type uuid: "x"'],
    ['22003', 'numeric field overflow'],
  ])('refused: SQLSTATE %s (%s)', (code, message) => {
    expect(refusedByPostgres(pgError(code, message))).toBe(true);
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up'],
    ['08006', 'connection failure'],
    ['53300', 'sorry, too many clients already'],
    ['40001', 'could not serialize access due to concurrent update'],
    ['40P01', 'deadlock detected'],
    ['42P01', 'relation "cdrs" does not exist'],
  ])('may pass on a retry: SQLSTATE %s (%s)', (code, message) => {
    expect(refusedByPostgres(pgError(code, message))).toBe(false);
  });

  it('may pass on a retry: no connection at all, or no error code', () => {
    expect(refusedByPostgres(socketError('ECONNREFUSED'))).toBe(false);
    expect(refusedByPostgres(socketError('ECONNRESET'))).toBe(false);
    expect(refusedByPostgres(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(refusedByPostgres(Object.assign(new Error('23503 lookalike'), { code: '23503' }))).toBe(false);
    expect(refusedByPostgres(undefined)).toBe(false);
  });
});
