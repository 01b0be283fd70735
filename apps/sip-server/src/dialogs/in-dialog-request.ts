import { NO_COPY_FROM_APP } from '../sip/message-builders';
import { SipMessage } from '../sip/sip-message';
import type { Dialog } from './dialog-table';

/**
 * A request inside a dialog (RFC 3261 §12.2.1.1): target, route set, tags and CSeq from
 * the dialog; an app's other headers and body are kept. Carries no Via yet.
 */
export function buildInDialogRequest(d: Dialog, method: string, appMsg: SipMessage | undefined, cseq: number): SipMessage {
  const m = new SipMessage();
  m.method = method;
  m.uri = d.remoteTarget;
  m.set('max-forwards', '70');
  m.set('from', d.localHeader);
  m.set('to', d.remoteHeader);
  m.set('call-id', d.callId);
  m.set('cseq', `${cseq} ${method}`);
  if (d.routeSet.length) m.set('route', d.routeSet);
  if (appMsg) {
    for (const [k, v] of appMsg.headers) {
      if (NO_COPY_FROM_APP.has(k) || k === 'route') continue;
      m.headers.set(k, [...v]);
    }
    m.body = appMsg.body;
  }
  if ((method === 'INVITE' || method === 'UPDATE' || method === 'SUBSCRIBE' || method === 'REFER') && !m.has('contact') && d.localContact) {
    m.set('contact', d.localContact);
  }
  return m;
}
