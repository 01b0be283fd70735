/**
 * Domain errors. Services throw these; one filter turns them into RFC 7807
 * problem+json, so no controller ever builds an error response by hand.
 */
export interface InvalidParam {
  name: string;
  reason: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  readonly invalidParams?: InvalidParam[];
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Not Found';
  constructor(entity: string, id?: string) {
    super(id ? `${entity} ${id} does not exist` : `${entity} does not exist`);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';
  constructor(
    message: string,
    override readonly invalidParams?: InvalidParam[],
  ) {
    super(message);
  }
}

/** The request is well-formed but breaks a business rule (422). */
export class ValidationError extends DomainError {
  readonly status = 422;
  readonly title = 'Unprocessable Content';
  constructor(
    override readonly invalidParams: InvalidParam[],
    message = invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; '),
  ) {
    super(message);
  }

  static field(name: string, reason: string): ValidationError {
    return new ValidationError([{ name, reason }]);
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly title = 'Unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Forbidden';
}

export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly title = 'Content Too Large';
}

/** Refused for a while (login throttle); the filter sends Retry-After. */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly title = 'Too Many Requests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
