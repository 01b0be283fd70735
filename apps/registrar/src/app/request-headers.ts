import type Srf from 'drachtio-srf';
import { parseAddress } from '@branchline/sip';

/**
 * A header by its lower-case name, as drachtio-srf's parser stored it (standard headers under
 * their full lower-case names, compact forms expanded). Its own get()/has() scan and lower-case
 * every header name on each call, a dozen times per REGISTER.
 */
export function headerOf(req: Srf.SrfRequest, name: string): string | undefined {
  return (req.headers as Record<string, string | undefined>)[name];
}

/** The To address; a header drachtio-srf cannot parse comes back as the error it threw. */
export function parseTo(req: Srf.SrfRequest): { user: string; host: string } | null | Error {
  try {
    return parseAddress(req.getParsedHeader('To').uri);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}
