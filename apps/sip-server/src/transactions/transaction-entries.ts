import type { AppConnection } from '../apps/app-registry';
import type { Dialog } from '../dialogs/dialog-table';
import type { ProxyOperation } from '../proxy/proxy-operation';
import type { SipMessage } from '../sip/sip-message';
import type { Destination, InboundPacket, LocalEndpoint } from '../transport/transport-layer';
import type { ClientTransaction } from './client-transaction';
import type { ServerTransaction } from './server-transaction';

/** A request received from the network, with what the core needs to answer it. */
export interface ServerTxnEntry {
  /** the drachtio transaction id apps answer on */
  id: string;
  key: string;
  txn: ServerTransaction;
  request: SipMessage;
  responseDest: Destination;
  inbound: LocalEndpoint;
  packet: InboundPacket;
  app?: AppConnection;
  toTag?: string;
  dialog?: Dialog;
  proxy?: ProxyOperation;
  answerTimer?: NodeJS.Timeout;
  cdrAttempted?: boolean;
}

/** A request we sent (for an app, a proxy branch, or on our own). */
export interface ClientTxnEntry {
  /** the drachtio transaction id responses are reported on */
  id: string;
  key: string;
  txn: ClientTransaction;
  request: SipMessage;
  dest: Destination;
  app?: AppConnection;
  dialog?: Dialog;
  gotProvisional: boolean;
  cancelRequested: boolean;
  cancelSent?: boolean;
  cancelHeaders?: SipMessage;
  final: boolean;
  /**
   * INVITE given up by the core (Timer B, Timer C, or a CANCEL that drew no final response):
   * its owner has been told 408, so whatever answer comes later is not passed on, and a
   * 2xx is ACKed and hung up at once (RFC 3261 §13.2.2.4). Kept 64*T1 after it ends so a
   * late 2xx is still recognised as ours.
   */
  abandoned?: boolean;
  /** late 2xx of an abandoned INVITE by to-tag, so retransmissions get the same ACK, not another BYE */
  lateAnswers?: Map<string, Dialog>;
  /** `request` holds only the request's identity now (it has its final answer, or was given up on) */
  compacted?: boolean;
  /** INVITE sent by an app outside a dialog: its 2xx creates a UAC dialog */
  createsDialog: boolean;
  /** to-tag of the first 2xx, to detect a second fork answering */
  answeredTag?: string;
  /** proxy branches and internal requests handle responses themselves */
  handler?: (res: SipMessage, entry: ClientTxnEntry) => void;
  onTimeout?: (entry: ClientTxnEntry) => void;
}
