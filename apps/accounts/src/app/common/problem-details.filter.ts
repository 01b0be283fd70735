import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ZodValidationException } from 'nestjs-zod';
import type { Request, Response } from 'express';
import type { ZodError } from 'zod';
import { DomainError, InvalidParam, TooManyRequestsError } from './errors';
import { PROBLEM_CONTENT_TYPE, Problem, problem } from './problem';
import { prismaErrorToDomain } from './prisma-errors';

export function zodIssuesToInvalidParams(error: ZodError): InvalidParam[] {
  const named = (path: PropertyKey[]) => (path.length ? path.map(String).join('.') : '(body)');
  return error.issues.flatMap((i) =>
    // A strict object reports unknown keys at its own path: name each key instead.
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ name: named([...i.path, key]), reason: 'is not a known parameter' }))
      : [{ name: named(i.path), reason: i.message }],
  );
}

/** Maps every error to problem+json; unknown errors become a 500 that leaks nothing. */
export function toProblem(exception: unknown): Problem {
  const mapped = prismaErrorToDomain(exception) ?? exception;
  if (mapped instanceof DomainError) {
    return problem(mapped.status, mapped.title, mapped.message, {
      ...(mapped.invalidParams ? { 'invalid-params': mapped.invalidParams } : {}),
    });
  }
  if (mapped instanceof ZodValidationException) {
    const params = zodIssuesToInvalidParams(mapped.getZodError() as ZodError);
    return problem(422, 'Unprocessable Content', 'The request has invalid fields', { 'invalid-params': params });
  }
  if (mapped instanceof HttpException) {
    const status = mapped.getStatus();
    const body = mapped.getResponse();
    const detail = typeof body === 'string' ? body : ((body as { message?: string }).message ?? mapped.message);
    // Health checks report per-dependency status; keep it as an extension member.
    const details = typeof body === 'object' && body && 'details' in body ? { details: (body as { details: unknown }).details } : {};
    return {
      ...problem(status, mapped.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'), String(detail)),
      ...details,
    };
  }
  const bodyParser = exception as { type?: string; status?: number; message?: string };
  if (bodyParser?.type === 'entity.too.large') return problem(413, 'Content Too Large', 'The request body is too large');
  if (bodyParser?.type === 'entity.parse.failed') return problem(400, 'Bad Request', 'The request body is not valid JSON');
  if (bodyParser?.type === 'encoding.unsupported' || bodyParser?.status === 415) {
    return problem(415, 'Unsupported Media Type', bodyParser.message);
  }
  return problem(500, 'Internal Server Error', 'An unexpected error occurred');
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const body = toProblem(exception);
    if (body.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (exception instanceof TooManyRequestsError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    res
      .status(body.status)
      .type(PROBLEM_CONTENT_TYPE)
      .json({ ...body, instance: req.originalUrl, ...(req.id ? { requestId: String(req.id) } : {}) });
  }
}
