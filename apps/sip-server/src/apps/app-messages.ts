import type { Destination, InboundPacket } from '../transport/transport-layer';
import type { AppConnection } from './app-registry';

let stampMs = 0;
let stamp = '';

/** Timestamp field of drachtio wire messages (formatted once per millisecond). */
export function nowStamp(): string {
  const now = Date.now();
  if (now !== stampMs) {
    stampMs = now;
    stamp = new Date(now).toISOString();
  }
  return stamp;
}

/** `response|<rid>|OK|application|...` + the message as actually sent. */
export function replyOk(app: AppConnection, rid: string, dest: Destination | undefined, txnId: string, dialogId: string, sip: string): void {
  app.send(
    ['response', rid, 'OK', 'application', Buffer.byteLength(sip), dest?.transport ?? 'udp', dest?.address ?? '', dest?.port ?? '', nowStamp(), txnId, dialogId],
    sip,
  );
}

export function replyNok(app: AppConnection, rid: string, reason: string): void {
  app.send(['response', rid, 'NOK', reason.replace(/\|/g, ' ')]);
}

/** An unsolicited `sip|network|...` carrying a request received in packet `p`. */
export function sendNetworkRequest(app: AppConnection, data: string, p: InboundPacket, txnId: string, dialogId: string): void {
  app.send(
    ['sip', 'network', Buffer.byteLength(data), p.transport, p.remoteAddress, p.remotePort, nowStamp(), txnId, dialogId, p.localAddress, p.localPort],
    data,
  );
}

/** An unsolicited `sip|network|...` carrying a response to the app's request sent to `from`. */
export function sendNetworkResponse(app: AppConnection, data: string, from: Destination, txnId: string, dialogId: string): void {
  app.send(['sip', 'network', Buffer.byteLength(data), from.transport, from.address, from.port, nowStamp(), txnId, dialogId], data);
}

/** One response of a `proxy` operation, as it reached us from `from`: the request stays open on the app side. */
export function replyProxyResponse(app: AppConnection, rid: string, data: string, from: Destination | undefined, txnId: string): void {
  app.send(
    ['response', rid, 'OK', 'network', Buffer.byteLength(data), from?.transport ?? 'udp', from?.address ?? '', from?.port ?? '', nowStamp(), txnId, '', 'continue'],
    data,
  );
}

/** A `proxy` operation is over: its best response was the last one reported. */
export function replyProxyDone(app: AppConnection, rid: string): void {
  app.send(['response', rid, 'OK', 'done']);
}
