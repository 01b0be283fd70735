import type Srf from 'drachtio-srf';
import { bindingKey, resolveExpiry, type Binding, type BindingChange } from '@branchline/location';
import type { RegistrarConfig } from './registrar.config';
import { headerOf } from './request-headers';

/** Contact parameters come back from drachtio-srf's parser as a loose map. */
type ParsedContact = { name?: string; uri: string; params?: Record<string, string | null | undefined> };

const WILDCARD = '*';

/** A REGISTER the registrar refuses for its Contact/Expires headers. */
export interface ContactRefusal {
  status: number;
  reason: string;
  headers?: Record<string, string>;
}

type Policy = Pick<RegistrarConfig, 'EXPIRES_DEFAULT' | 'EXPIRES_MIN' | 'EXPIRES_MAX' | 'REGISTRAR_ID'>;

/**
 * What an authenticated REGISTER asks of the phone's bindings (RFC 3261 §10.3
 * steps 6-7): remove them all ("*" with Expires: 0), add or refresh each
 * Contact at the address the request came from, remove those it expires;
 * none for a query (no Contact).
 */
export function contactChanges(req: Srf.SrfRequest, now: number, config: Policy): { changes: BindingChange[] } | { refusal: ContactRefusal } {
  const callId = headerOf(req, 'call-id') ?? '';
  const cseq = parseInt(headerOf(req, 'cseq') ?? '', 10);
  const contactHeader = headerOf(req, 'contact')?.trim() ?? '';
  const headerExpires = headerOf(req, 'expires');
  const userAgent = headerOf(req, 'user-agent');
  const changes: BindingChange[] = [];

  if (contactHeader === WILDCARD) {
    // RFC 3261 §10.3 step 6: "*" only with Expires: 0.
    if (headerExpires?.trim() !== '0') return { refusal: { status: 400, reason: 'Wildcard Contact Needs Expires 0' } };
    changes.push({ op: 'remove-all', callId, cseq });
  } else if (contactHeader) {
    const policy = { defaultSeconds: config.EXPIRES_DEFAULT, minSeconds: config.EXPIRES_MIN, maxSeconds: config.EXPIRES_MAX };
    for (const c of req.getParsedHeader('Contact') as ParsedContact[]) {
      if (c.uri === WILDCARD) return { refusal: { status: 400, reason: 'Wildcard Contact Must Stand Alone' } };
      const params = c.params ?? {};
      const decision = resolveExpiry(params['expires'] ?? undefined, headerExpires, policy);
      const instanceId = params['+sip.instance'] ?? undefined;
      const regId = params['reg-id'] ?? undefined;
      if (decision.kind === 'too-brief') {
        return { refusal: { status: 423, reason: 'Interval Too Brief', headers: { 'Min-Expires': String(decision.minSeconds) } } };
      }
      if (decision.kind === 'remove') {
        changes.push({ op: 'remove', key: bindingKey({ contact: c.uri, instanceId, regId }) });
        continue;
      }
      const binding: Binding = {
        contact: c.uri,
        source: { address: req.source_address, port: Number(req.source_port), transport: String(req.protocol).toLowerCase() },
        expiresAt: now + decision.seconds * 1000,
        registeredAt: now,
        callId,
        cseq,
        registrar: config.REGISTRAR_ID,
        ...(userAgent ? { userAgent: userAgent.slice(0, 200) } : {}),
        ...(instanceId ? { instanceId } : {}),
        ...(regId ? { regId } : {}),
      };
      changes.push({ op: 'upsert', binding });
    }
  }
  return { changes };
}
