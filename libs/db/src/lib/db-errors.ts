import { DatabaseError } from 'pg';

/**
 * SQLSTATE classes in which Postgres refuses a statement for what it holds:
 * 22 data exception (a bad value), 23 integrity constraint violation (a
 * missing foreign key, a NOT NULL column left empty). Sending the same
 * statement again gets the same answer.
 */
const REFUSED_CLASSES = new Set(['22', '23']);

/**
 * True when Postgres answered and refused the statement because of its data,
 * so retrying it is pointless; false for everything that may pass on a retry:
 * no connection (refused, reset, timed out), a server shutting down or still
 * starting up (57P01-57P03), too many connections (53300), a serialization
 * failure or deadlock (40001, 40P01), and any other error.
 *
 * Decided from the error alone, not by asking the server afterwards: a server
 * coming back between a failed statement and a probe would make an outage look
 * like a bad row.
 */
export function refusedByPostgres(err: unknown): boolean {
  return err instanceof DatabaseError && typeof err.code === 'string' && REFUSED_CLASSES.has(err.code.slice(0, 2));
}
