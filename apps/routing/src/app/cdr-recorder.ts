import { randomUUID } from 'node:crypto';
import type Srf from 'drachtio-srf';
import type { Logger } from 'pino';
import { internalCdr } from './call-record';
import type { CallEvents } from './call-events';
import type { CallStore } from './call-store';
import type { CdrWriter } from './cdr-writer';

type SipMessage = Srf.SipMessage & { method?: string; status?: number };

/**
 * Turns drachtio's cdr:start / cdr:stop for routed calls into call.answered
 * and one CDR per call. Events for calls routing did not route (an INVITE
 * answered 407, a refused call) find no call state and are ignored.
 */
export class CdrRecorder {
  constructor(
    private readonly calls: CallStore,
    private readonly writer: CdrWriter,
    private readonly events: CallEvents,
    private readonly logger: Logger,
  ) {}

  attach(srf: Srf): void {
    srf.on('cdr:start', (_source, time, _role, msg) => void this.started(time, msg as SipMessage));
    srf.on('cdr:stop', (_source, time, reason, msg) => void this.stopped(time, reason, msg as SipMessage));
  }

  private async started(time: string, msg: SipMessage): Promise<void> {
    const callId = msg.get('Call-ID');
    const at = stamp(time);
    this.logger.debug({ callId, time }, 'cdr:start');
    try {
      // Written before anything else is awaited, so a cdr:stop right behind it sees the answer.
      const written = this.calls.answered(callId, at);
      const call = await this.calls.peek(callId);
      await written;
      if (call) await this.events.answered(call.ctx, at);
    } catch (e) {
      this.logger.error({ err: e, callId }, 'cdr:start not recorded');
    }
  }

  private async stopped(time: string, reason: string, msg: SipMessage): Promise<void> {
    const callId = msg.get('Call-ID');
    this.logger.debug({ callId, reason, type: msg.type, status: msg.status, method: msg.method }, 'cdr:stop');
    try {
      const isResponse = msg.type === 'response';
      const call = await this.calls.take(callId, isResponse ? parseInt(msg.get('CSeq'), 10) : undefined);
      if (!call) return;
      const byeFromTag = isResponse ? null : ((msg.getParsedHeader('From').params?.['tag'] as string | undefined) ?? null);
      const end = { endedAtMs: stamp(time), reason, status: isResponse ? (msg.status ?? null) : null, byeFromTag };
      await this.writer.write(internalCdr(randomUUID(), call.ctx, call.answeredAtMs, end));
    } catch (e) {
      this.logger.error({ err: e, callId }, 'cdr:stop not recorded');
    }
  }
}

/** drachtio's event time (ISO 8601 here; drachtio-server may send other forms): now, when unreadable. */
function stamp(time: string): number {
  const t = Date.parse(time);
  return Number.isNaN(t) ? Date.now() : t;
}
