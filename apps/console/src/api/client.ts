import type { paths } from './schema';
import { toApiError } from './problem';

type Method = 'get' | 'post' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = Exclude<paths[P][M], undefined>;
/** The paths that have method M. */
export type PathsWith<M extends Method> = { [P in keyof paths]: paths[P][M] extends { responses: unknown } ? P : never }[keyof paths];

type Json<R> = R extends { content: { 'application/json': infer J } } ? J : undefined;
type Success<O> = O extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : R extends { 201: infer A } ? Json<A> : undefined) : never;
type Query<O> = O extends { parameters: { query?: infer Q } } ? Q : never;
type PathParams<O> = O extends { parameters: { path: infer Q } } ? Q : never;
type Body<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export interface RequestOptions<O> {
  path?: PathParams<O>;
  query?: Query<O>;
  body?: Body<O>;
}

export interface Download {
  blob: Blob;
  filename: string;
}

export interface ApiClientOptions {
  baseUrl?: string;
  token: () => string | null;
  /** Called on a 401: the token expired or was revoked, the session is over. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
}

/** `?a=1&b=x`, leaving out parameters that are undefined or empty-by-omission. */
export function queryString(query: object | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function fillPath(template: string, params: object | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(String((params as Record<string, unknown>)?.[k] ?? '')));
}

function filenameOf(res: Response, fallback: string): string {
  const m = /filename="?([^";]+)"?/.exec(res.headers.get('Content-Disposition') ?? '');
  return m ? m[1] : fallback;
}

/** A small fetch client typed by the generated OpenAPI paths: bearer token in, ApiError out. */
export function createApiClient(o: ApiClientOptions) {
  const base = o.baseUrl ?? '';
  const doFetch = o.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function send(method: Method, url: string, body: unknown, accept: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept };
    const token = o.token();
    if (token) headers['Authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await doFetch(base + url, { method: method.toUpperCase(), headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.ok) return res;
    if (res.status === 401 && token) o.onUnauthorized?.();
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    throw toApiError(res.status, res.statusText, parsed);
  }

  async function request<M extends Method, P extends PathsWith<M>>(method: M, path: P, opts: RequestOptions<Operation<P, M>> = {}): Promise<Success<Operation<P, M>>> {
    const url = fillPath(path as string, opts.path as object | undefined) + queryString(opts.query as object | undefined);
    const res = await send(method, url, opts.body, 'application/json');
    if (res.status === 204) return undefined as Success<Operation<P, M>>;
    return (await res.json()) as Success<Operation<P, M>>;
  }

  return {
    get: <P extends PathsWith<'get'>>(path: P, opts?: RequestOptions<Operation<P, 'get'>>) => request('get', path, opts),
    post: <P extends PathsWith<'post'>>(path: P, opts?: RequestOptions<Operation<P, 'post'>>) => request('post', path, opts),
    patch: <P extends PathsWith<'patch'>>(path: P, opts?: RequestOptions<Operation<P, 'patch'>>) => request('patch', path, opts),
    delete: <P extends PathsWith<'delete'>>(path: P, opts?: RequestOptions<Operation<P, 'delete'>>) => request('delete', path, opts),
    /** A file answer (CSV, XLSX, PDF) with the name the API gives it. */
    download: async <P extends PathsWith<'get'>>(path: P, query: Query<Operation<P, 'get'>>, accept: string, fallbackName: string): Promise<Download> => {
      const res = await send('get', (path as string) + queryString(query as object), undefined, accept);
      return { blob: await res.blob(), filename: filenameOf(res, fallbackName) };
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
