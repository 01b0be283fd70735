/**
 * A report request that cannot be answered as asked, naming the request field
 * at fault (`groupBy`, `from`, `to`, ...). The API turns it into a problem+json
 * naming that parameter; the lib knows nothing of HTTP.
 */
export class ReportInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'ReportInputError';
  }
}
