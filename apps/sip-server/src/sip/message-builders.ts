import type { LocalEndpoint, TransportName } from '../transport/transport-layer';
import { SipMessage } from './sip-message';
import { reasonPhrase } from '@branchline/sip';

/** Headers the core owns: an app's values for these are never copied onto the wire. */
export const NO_COPY_FROM_APP = new Set(['via', 'call-id', 'cseq', 'from', 'to', 'content-length', 'max-forwards']);

/** Our Via for a request sent from `ep` over `transport` (rport asked for, RFC 3581). */
export function viaHeader(transport: TransportName, ep: LocalEndpoint, branch: string): string {
  return `SIP/2.0/${transport.toUpperCase()} ${ep.advertisedHost}:${ep.port};branch=${branch};rport`;
}

/** `;transport=tcp|tls` for a URI that reaches `ep`; nothing for UDP, the default. */
export function transportParam(ep: LocalEndpoint): string {
  return ep.transport === 'udp' ? '' : `;transport=${ep.transport}`;
}

/** The Contact we put on messages that leave through `ep`. */
export function localContactFor(ep: LocalEndpoint, user?: string): string {
  return `<sip:${user ? `${user}@` : ''}${ep.advertisedHost}:${ep.port}${transportParam(ep)}>`;
}

/**
 * The part an ACK for a non-2xx response and a CANCEL share with their INVITE
 * (RFC 3261 §9.1, §17.1.1.3): Request-URI, top Via (so the same branch),
 * From, Call-ID and CSeq number. `to` is the response's To for an ACK.
 */
export function requestForInvite(invite: SipMessage, method: 'ACK' | 'CANCEL', to: string): SipMessage {
  const m = new SipMessage();
  m.method = method;
  m.uri = invite.uri;
  m.set('via', [invite.getAll('via')[0]]);
  m.set('from', invite.get('from') ?? '');
  m.set('to', to);
  m.set('call-id', invite.callId);
  m.set('cseq', `${invite.cseq.seq} ${method}`);
  return m;
}

/**
 * requestForInvite as it goes on the wire: Max-Forwards 70 and the INVITE's route set, so an ACK
 * for a non-2xx and a CANCEL take the INVITE's path (§17.1.1.3, §9.1).
 */
export function routedRequestForInvite(invite: SipMessage, method: 'ACK' | 'CANCEL', to: string): SipMessage {
  const m = requestForInvite(invite, method, to);
  m.set('max-forwards', '70');
  const routes = invite.getAll('route');
  if (routes.length) m.set('route', routes);
  return m;
}

/** A response we make up for a request of ours that got none (timeout, transport error). */
export function syntheticResponse(req: SipMessage, status: number): SipMessage {
  const res = new SipMessage();
  res.status = status;
  res.reason = reasonPhrase(status);
  res.set('via', req.getAll('via'));
  res.set('from', req.get('from') ?? '');
  res.set('to', req.get('to') ?? '');
  res.set('call-id', req.callId);
  res.set('cseq', req.get('cseq') ?? '');
  return res;
}

/** A response as a proxy passes it upstream: a copy without its top Via, ours (RFC 3261 §16.7 step 3). */
export function withoutTopVia(res: SipMessage): SipMessage {
  const r = res.clone();
  r.set('via', r.getAll('via').slice(1));
  return r;
}
