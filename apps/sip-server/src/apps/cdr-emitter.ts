import type { SipMessage } from '../sip/sip-message';
import { nowStamp } from './app-messages';
import type { AppRegistry } from './app-registry';

export type CdrEvent = 'cdr:attempt' | 'cdr:start' | 'cdr:stop';

/** cdr:stop reason for an INVITE that ended with a final response >= 300. */
export function rejectionReason(status: number): string {
  return status === 487 ? 'call-canceled' : 'call-rejected';
}

/** Sends cdr:attempt/start/stop to the one app that routed them for this call (hashed on Call-ID). */
export class CdrEmitter {
  constructor(private readonly registry: AppRegistry) {}

  emit(event: CdrEvent, source: 'network' | 'application', msg: SipMessage, extra: string[]): void {
    const app = this.registry.pickForCdr(event, msg.callId);
    if (!app) return;
    app.send([event, source, nowStamp(), ...extra], msg.toString());
  }
}
