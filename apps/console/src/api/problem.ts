/** RFC 7807 problem details as accounts sends them (errors carry no schema in the OpenAPI document). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  'invalid-params'?: Array<{ name: string; reason: string }>;
}

/** A failed API call: its status, what the API said, and each named field's reason. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    /** Reasons by field or query parameter name (`number`, `dailySpendLimit`, `from`). */
    readonly fieldErrors: Readonly<Record<string, string>>,
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && ('title' in body || 'status' in body);
}

/** Turns an error answer into an ApiError; a body that is not problem+json still gives the status. */
export function toApiError(status: number, statusText: string, body: unknown): ApiError {
  if (!isProblem(body)) return new ApiError(status, statusText || `HTTP ${status}`, undefined, {});
  const fieldErrors: Record<string, string> = {};
  for (const p of body['invalid-params'] ?? []) {
    // Nested names (`rows.3.number`) are shown at their top field; the first reason wins.
    const field = p.name.split('.')[0];
    fieldErrors[field] ??= p.reason;
  }
  return new ApiError(status, body.title ?? statusText, body.detail, fieldErrors);
}
