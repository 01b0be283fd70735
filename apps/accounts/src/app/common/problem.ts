import type { InvalidParam } from './errors';

/** RFC 7807 / RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  'invalid-params'?: InvalidParam[];
  requestId?: string;
  details?: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TYPE_BASE = 'https://branchline.dev/problems/';
const SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'validation-error',
  429: 'too-many-requests',
  500: 'internal-error',
  503: 'unavailable',
};

export function problem(status: number, title: string, detail?: string, extra: Partial<Problem> = {}): Problem {
  return { type: `${TYPE_BASE}${SLUGS[status] ?? 'error'}`, title, status, ...(detail ? { detail } : {}), ...extra };
}
