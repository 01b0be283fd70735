import type { SipMessage } from '../sip/sip-message';
import type { ClientTransaction, ServerTransaction } from '../transaction/transaction';
import type { Destination, InboundPacket, LocalEndpoint } from '../transport/transport-layer';
import type { AppConnection } from './app-registry';
import type { Dialog } from './dialog-table';
import type { ProxyOperation } from './proxy-operation';

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
  cancelHeaders?: SipMessage;
  final: boolean;
  /** INVITE sent by an app outside a dialog: its 2xx creates a UAC dialog */
  createsDialog: boolean;
  /** to-tag of the first 2xx, to detect a second fork answering */
  answeredTag?: string;
  /** proxy branches and internal requests handle responses themselves */
  handler?: (res: SipMessage, entry: ClientTxnEntry) => void;
  onTimeout?: (entry: ClientTxnEntry) => void;
}
