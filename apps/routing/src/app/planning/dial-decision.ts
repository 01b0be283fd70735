import { normaliseDialed, permits, type ClassOfService, type DialingSite } from '@branchline/dialplan';

export interface DialingCaller {
  classOfService: ClassOfService;
  site: DialingSite;
}

/** What routing does with a dialed number; `status`/`reason` are the SIP answer where it ends here. */
export type DialDecision =
  | { kind: 'internal'; number: string }
  | { kind: 'emergency'; number: string }
  | { kind: 'external'; e164: string; category: string }
  | { kind: 'refused'; status: number; reason: string; external?: { e164: string; category: string } };

/**
 * The dial-plan decision for one call, pure: `calleeNumber` is the dialed
 * number when it is an extension of the caller's tenant (the caller looked it
 * up), null otherwise. Class of service limits outside calls; emergency
 * numbers are always allowed.
 */
export function decideDial(dialed: string, caller: DialingCaller, calleeNumber: string | null): DialDecision {
  const d = normaliseDialed(dialed, caller.site, (n) => n === calleeNumber);
  switch (d.kind) {
    case 'extension':
      return { kind: 'internal', number: d.number };
    case 'emergency':
      return { kind: 'emergency', number: d.number };
    case 'invalid':
      return { kind: 'refused', status: 404, reason: sipReason(d.reason) };
    case 'external':
      if (!permits(caller.classOfService, d.requires)) {
        return {
          kind: 'refused',
          status: 403,
          reason: `Class of service ${caller.classOfService} does not permit ${d.category} calls`,
          external: { e164: d.e164, category: d.category },
        };
      }
      return { kind: 'external', e164: d.e164, category: d.category };
  }
}

/** A reason phrase must be one line of printable text. */
export function sipReason(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, ' ').slice(0, 120);
}
