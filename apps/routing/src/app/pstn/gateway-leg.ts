import type Srf from 'drachtio-srf';
import type { Logger } from 'pino';
import type { SecretBox } from '@branchline/secrets';
import type { GatewayAttempt, TrunkGateway } from '../planning/least-cost-gateways';
import type { RoutingConfig } from '../routing.config';

type Req = Srf.SrfRequest;
type Res = Srf.SrfResponse;

/** How one gateway attempt ended. */
export type AttemptResult =
  | { kind: 'answered'; dialog: Srf.Dialog; atMs: number }
  | { kind: 'failed'; status: number; reason: string }
  | { kind: 'timeout' }
  | { kind: 'cancelled' }
  | { kind: 'no-answer' };

/** What a PSTN call follows of one gateway attempt. */
export interface LegWatch {
  /** The INVITE went out (so a caller's CANCEL can cancel it). */
  sent(r: Req): void;
  /** A provisional answer (18x) came, and was relayed to the caller. */
  provisional(): void;
}

/** The leg of a PSTN call to one gateway: the INVITE, the carrier's caller-ID headers and its trunk credentials. */
export class GatewayLegs {
  constructor(
    private readonly config: RoutingConfig,
    private readonly secrets: SecretBox | null,
    private readonly logger: Logger,
  ) {}

  /**
   * One INVITE to one gateway: provisional answers are relayed to the caller
   * (SDP as is), a digest challenge is answered with the trunk credentials,
   * silence past GATEWAY_SETUP_TIMEOUT_SECONDS gives up on the gateway, and
   * ringing past RING_TIMEOUT_SECONDS gives up on the call.
   */
  call(
    req: Req,
    res: Res,
    srf: Srf,
    attempt: GatewayAttempt,
    number: string,
    emergency: boolean,
    callerId: string | null,
    watch: LegWatch,
  ): Promise<AttemptResult> {
    const g = attempt.gateway;
    const uri = gatewayRequestUri(g, number, emergency);
    const host = g.host.includes(':') ? `[${g.host}]` : g.host;
    const identity = callerId ? `<sip:${callerId}@${host}>` : '"Anonymous" <sip:anonymous@anonymous.invalid>';
    const headers: Record<string, string> = { From: identity, To: `<${uri}>` };
    if (callerId) headers['P-Asserted-Identity'] = `<sip:${callerId}@${host}>`;
    else headers['Privacy'] = 'id';
    const auth = this.credentials(g.username, g.passwordEnc, g.name);

    return new Promise<AttemptResult>((resolve) => {
      let settled = false;
      let responded = false;
      let noAnswer = false;
      let sent: Req | null = null;
      let ringTimer: NodeJS.Timeout | undefined;
      const finish = (r: AttemptResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(setupTimer);
        clearTimeout(ringTimer);
        resolve(r);
      };
      const setupTimer = setTimeout(() => {
        if (responded) return;
        sent?.cancel(() => undefined);
        finish({ kind: 'timeout' });
      }, this.config.GATEWAY_SETUP_TIMEOUT_SECONDS * 1000);

      const cbRequest = (err: unknown, r: Req) => {
        if (err || !r) return;
        sent = r;
        watch.sent(r);
      };
      const cbProvisional = (p: Res) => {
        responded = true;
        if (settled || p.status <= 100) return;
        if (!ringTimer) {
          ringTimer = setTimeout(() => {
            noAnswer = true;
            sent?.cancel(() => undefined);
          }, this.config.RING_TIMEOUT_SECONDS * 1000);
        }
        watch.provisional();
        if (!res.finalResponseSent) res.send(p.status, p.reason, p.body ? { body: p.body, headers: { 'Content-Type': p.get('Content-Type') } } : {});
      };
      srf
        .createUAC(uri, { localSdp: req.body, headers, ...(auth ? { auth } : {}) }, {
          cbRequest: cbRequest as unknown as (r: Req) => void,
          cbProvisional,
        })
        .then(
          (dialog) => {
            // Answered after we gave up on it (its 200 crossed our CANCEL): hang that leg up, or
            // the carrier keeps a call up that nobody takes, and bills it.
            if (settled || noAnswer) {
              this.logger.info({ gateway: g.name }, 'gateway answered a leg already given up; hung up');
              void dialog.destroy();
              return finish({ kind: 'no-answer' });
            }
            finish({ kind: 'answered', dialog, atMs: Date.now() });
          },
          (err: { status?: number; reason?: string }) => {
            responded = true;
            const status = err.status ?? 500;
            if (noAnswer) return finish({ kind: 'no-answer' });
            if (status === 487) return finish({ kind: 'cancelled' });
            finish({ kind: 'failed', status, reason: err.reason ?? 'Gateway Failure' });
          },
        );
    });
  }

  /** The trunk's credentials for a digest challenge; none when it has none or they cannot be unsealed. */
  private credentials(username: string | null, passwordEnc: string | null, gateway: string): { username: string; password: string } | null {
    if (!username || !passwordEnc) return null;
    if (!this.secrets) {
      this.logger.warn({ gateway }, 'SECRETS_KEY not set: trunk password cannot be unsealed, a challenge will fail over');
      return null;
    }
    try {
      return { username, password: this.secrets.decrypt(passwordEnc) };
    } catch (e) {
      this.logger.error({ err: e, gateway }, 'trunk password does not unseal with SECRETS_KEY');
      return null;
    }
  }
}

/**
 * The Request-URI for a gateway: the number's digits (E.164 without "+", or
 * the emergency number as dialed), the gateway's leading digits stripped and
 * its prefix prepended, then "+" in front when the gateway takes E.164 with
 * "+" (never for an emergency number).
 */
export function gatewayRequestUri(g: TrunkGateway, number: string, emergency: boolean): string {
  const digits = g.prependDigits + number.replace(/^\+/, '').slice(g.stripDigits);
  const user = g.e164Plus && !emergency ? `+${digits}` : digits;
  const host = g.host.includes(':') ? `[${g.host}]` : g.host;
  const transport = g.transport === 'UDP' ? '' : `;transport=${g.transport.toLowerCase()}`;
  return `sip:${user}@${host}:${g.port}${transport}`;
}
