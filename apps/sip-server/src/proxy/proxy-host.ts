import type { Logger } from 'pino';
import type { SipMessage } from '../sip/sip-message';
import type { ClientTxnEntry, ServerTxnEntry } from '../transactions/transaction-entries';
import type { Destination } from '../transport/transport-layer';

/** How one proxy operation forwards a request: the `proxy` verb's options, or in-dialog forwarding's. */
export interface ProxyOptions {
  recordRoute: boolean;
  parallel: boolean;
  followRedirects: boolean;
  provisionalTimeoutMs?: number;
  finalTimeoutMs?: number;
  destinations: string[];
  extraHeaders?: SipMessage;
  /** in-dialog forwarding: the Request-URI is already the target */
  keepRequestUri?: boolean;
}

/** What a proxy operation needs from the core (ProxyRequests provides it). */
export interface ProxyHost {
  log: Logger;
  sendRequest(
    msg: SipMessage,
    opts: {
      handler?: (res: SipMessage, entry: ClientTxnEntry) => void;
      onTimeout?: (entry: ClientTxnEntry) => void;
    },
  ): Promise<ClientTxnEntry | undefined>;
  requestCancel(entry: ClientTxnEntry): void;
  forwardUpstream(entry: ServerTxnEntry, res: SipMessage): void;
  /** a branch answered after the caller got a non-2xx final: ACK that 2xx and hang it up */
  hangUpLateAnswer(branch: ClientTxnEntry, res: SipMessage): void;
  /** an answered branch of a settled operation: from now on its further 2xx only go to `to` */
  forwardLater2xx(branch: ClientTxnEntry, to: Destination): void;
  respondUpstream(entry: ServerTxnEntry, status: number): SipMessage;
  recordRouteFor(entry: ServerTxnEntry): string;
}
