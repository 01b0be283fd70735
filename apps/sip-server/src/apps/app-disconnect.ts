import type { DialogDuties } from '../dialogs/dialog-duties';
import type { DialogTable } from '../dialogs/dialog-table';
import { buildInDialogRequest } from '../dialogs/in-dialog-request';
import type { ClientTransactions } from '../transactions/client-transaction-table';
import type { ServerTransactions } from '../transactions/server-transaction-table';
import { APP_AWAY_RETRY_AFTER_SECONDS, type AppConnection } from './app-registry';
import type { CdrEmitter } from './cdr-emitter';

export interface AppDisconnectOptions {
  servers: ServerTransactions;
  clients: ClientTransactions;
  dialogs: DialogTable;
  duties: DialogDuties;
  cdr: CdrEmitter;
}

/**
 * An app went away: nothing it owned may linger (RFC-wise or memory-wise). Requests it
 * was answering get 480 (INVITE) or 503, its dialogs are hung up, and its ringing
 * outbound calls are cancelled.
 */
export class AppDisconnect {
  constructor(private readonly o: AppDisconnectOptions) {}

  onAppGone(app: AppConnection): void {
    for (const entry of this.o.servers.values()) {
      if (entry.app === app && !entry.proxy && entry.txn.lastStatus < 200 && entry.request.method !== 'CANCEL') {
        if (entry.request.method === 'INVITE') this.o.servers.respond(entry, 480);
        else this.o.servers.respond(entry, 503, { 'retry-after': APP_AWAY_RETRY_AFTER_SECONDS });
      }
      if (entry.app === app) entry.app = undefined;
      if (entry.proxy) entry.proxy.detachApp(app);
    }
    for (const d of [...this.o.dialogs.values()]) {
      if (d.app !== app) continue;
      d.app = undefined;
      this.o.duties.sendBye(d);
      if (d.method === 'INVITE') {
        const bye = buildInDialogRequest(d, 'BYE', undefined, d.localCseq);
        this.o.cdr.emit('cdr:stop', 'application', bye, ['system-initiated-termination']);
      }
    }
    for (const entry of this.o.clients.values()) {
      if (entry.app !== app) continue;
      if (entry.request.method === 'INVITE' && entry.createsDialog && !entry.final) this.o.clients.requestCancel(entry);
    }
  }
}
