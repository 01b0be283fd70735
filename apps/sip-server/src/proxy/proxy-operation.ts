import { replyProxyDone, replyProxyResponse } from '../apps/app-messages';
import type { AppConnection } from '../apps/app-registry';
import { withoutTopVia } from '../sip/message-builders';
import { SipMessage, uriOfNameAddr } from '../sip/sip-message';
import type { ClientTxnEntry, ServerTxnEntry } from '../transactions/transaction-entries';
import { chooseBest } from './best-response';
import type { ProxyHost, ProxyOptions } from './proxy-host';

interface Branch {
  uri: string;
  client?: ClientTxnEntry;
  gotProvisional: boolean;
  done: boolean;
  abandoned: boolean;
  timers: NodeJS.Timeout[];
}

const NOT_FROM_APP = new Set(['via', 'call-id', 'cseq', 'from', 'to', 'content-length', 'max-forwards', 'contact', 'content-type']);

/**
 * A stateful proxy operation for one server transaction (RFC 3261 §16): serial or
 * parallel forking, CANCEL propagation, timeouts, best-response selection.
 */
export class ProxyOperation {
  private readonly branches: Branch[] = [];
  private readonly pending: string[];
  private readonly finals: SipMessage[] = [];
  private upstreamFinal = false;
  /** the final upstream was a 2xx (further 2xx are forwarded too, §16.7 step 5) */
  private upstreamAnswered = false;
  private canceled = false;
  private base?: SipMessage;

  constructor(
    private readonly host: ProxyHost,
    private readonly upstream: ServerTxnEntry,
    private readonly opts: ProxyOptions,
    private report: { app: AppConnection; rid: string } | undefined,
  ) {
    this.pending = [...opts.destinations];
  }

  start(): void {
    const req = this.upstream.request;
    const mf = Number(req.get('max-forwards') ?? '70');
    if (!(mf > 0)) {
      this.upstreamFinal = true;
      this.host.respondUpstream(this.upstream, 483);
      this.sendDone();
      this.release();
      return;
    }
    if (!this.pending.length) {
      this.upstreamFinal = true;
      this.host.respondUpstream(this.upstream, 404);
      this.sendDone();
      this.release();
      return;
    }
    const base = req.clone();
    base.set('max-forwards', String(mf - 1));
    if (this.opts.recordRoute && req.method !== 'REGISTER') base.prepend('record-route', this.host.recordRouteFor(this.upstream));
    if (this.opts.extraHeaders) {
      for (const [k, v] of this.opts.extraHeaders.headers) if (!NOT_FROM_APP.has(k)) base.headers.set(k, [...v]);
    }
    this.base = base;
    if (this.opts.parallel) while (this.pending.length) this.launch(this.pending.shift() as string);
    else this.launch(this.pending.shift() as string);
  }

  /**
   * The caller has its final response and no branch is waiting for one: nothing can reach
   * the server transaction through this operation any more.
   */
  get settled(): boolean {
    return this.upstreamFinal && this.branches.every((b) => b.done);
  }

  detachApp(app: AppConnection): void {
    if (this.report?.app === app) this.report = undefined;
  }

  private launch(uri: string): void {
    const branch: Branch = { uri, gotProvisional: false, done: false, abandoned: false, timers: [] };
    this.branches.push(branch);
    const msg = (this.base as SipMessage).clone();
    if (!this.opts.keepRequestUri) msg.uri = uri;
    void this.host
      .sendRequest(msg, {
        handler: (res) => this.onBranchResponse(branch, res),
        onTimeout: () => this.onBranchFinal(branch, undefined, 408),
      })
      .then(
        (client) => {
          if (!client) {
            this.onBranchFinal(branch, undefined, 503);
            return;
          }
          branch.client = client;
          if (this.canceled) this.abandon(branch, 487);
        },
        (err: unknown) => {
          this.host.log.warn({ err }, 'proxy branch failed');
          this.onBranchFinal(branch, undefined, 503);
        },
      );
    if (this.opts.provisionalTimeoutMs) {
      branch.timers.push(
        setTimeout(() => {
          if (!branch.gotProvisional && !branch.done) this.abandon(branch, 408);
        }, this.opts.provisionalTimeoutMs),
      );
    }
    if (this.opts.finalTimeoutMs) {
      branch.timers.push(
        setTimeout(() => {
          if (!branch.done) this.abandon(branch, 408);
        }, this.opts.finalTimeoutMs),
      );
    }
  }

  /** Stop waiting for a branch; CANCEL it (deferred until it has a provisional). */
  private abandon(branch: Branch, status: number): void {
    if (branch.done) return;
    if (branch.client && branch.client.request.method === 'INVITE') this.host.requestCancel(branch.client);
    branch.abandoned = true;
    this.onBranchFinal(branch, undefined, status);
  }

  private onBranchResponse(branch: Branch, res: SipMessage): void {
    const status = res.status ?? 0;
    if (status >= 200 && status < 300) {
      this.clearTimers(branch);
      branch.done = true;
      if (this.upstreamFinal && !this.upstreamAnswered) {
        // the caller already has its final answer (a failure, or 487 after its CANCEL): no one
        // can take this call, so it must not stay up at the far end (RFC 3261 §13.2.2.4)
        if (branch.client) this.host.hangUpLateAnswer(branch.client, res);
        return;
      }
      // every 2xx is forwarded, even from a branch we gave up on (RFC 3261 §16.7 step 5)
      const up = withoutTopVia(res);
      const first = !this.upstreamFinal;
      this.upstreamFinal = true;
      this.upstreamAnswered = true;
      this.host.forwardUpstream(this.upstream, up);
      if (first) {
        this.reportResponse(res, branch);
        this.sendDone();
        for (const b of this.branches) if (b !== branch && !b.done) this.abandon(b, 487);
        this.release();
      }
      this.handOverAnswered();
      return;
    }
    if (branch.abandoned || branch.done) return;
    if (status < 200) {
      branch.gotProvisional = true;
      if (status === 100) return;
      if (this.upstreamFinal) return;
      this.host.forwardUpstream(this.upstream, withoutTopVia(res));
      this.reportResponse(res, branch);
      return;
    }
    this.onBranchFinal(branch, res, status);
  }

  private onBranchFinal(branch: Branch, res: SipMessage | undefined, status: number): void {
    if (branch.done) return;
    branch.done = true;
    this.clearTimers(branch);
    if (this.upstreamFinal) {
      this.handOverAnswered();
      return;
    }
    const final = res ? withoutTopVia(res) : this.synthetic(status);
    this.finals.push(final);
    if (status >= 300 && status < 400 && this.opts.followRedirects && res) {
      for (const c of res.getAll('contact')) {
        const uri = uriOfNameAddr(c);
        if (uri) this.pending.push(uri);
      }
    }
    if (status >= 600) {
      this.pending.length = 0;
      for (const b of this.branches) if (!b.done) this.abandon(b, 487);
    }
    if (!this.canceled && this.pending.length && !this.opts.parallel) {
      this.launch(this.pending.shift() as string);
      return;
    }
    if (!this.canceled && this.pending.length && this.opts.parallel) {
      while (this.pending.length) this.launch(this.pending.shift() as string);
      return;
    }
    if (this.branches.every((b) => b.done)) this.finish();
  }

  private synthetic(status: number): SipMessage {
    const m = new SipMessage();
    m.status = status;
    return m;
  }

  private finish(): void {
    if (this.upstreamFinal) return;
    this.upstreamFinal = true;
    const i = chooseBest(this.finals.map((f) => f.status ?? 500));
    const best = i >= 0 ? this.finals[i] : this.synthetic(408);
    const status = best.status ?? 500;
    if (best.has('via')) {
      // §16.7 step 6: a 503 from downstream must not make upstream think *we* are overloaded
      if (status === 503) {
        best.status = 500;
        best.reason = 'Server Internal Error';
      }
      this.host.forwardUpstream(this.upstream, best);
    } else {
      this.finals[i >= 0 ? i : this.finals.length] = this.host.respondUpstream(this.upstream, status);
    }
    // the app's result keeps the last response reported as its final status, so the best goes last
    const chosen = this.finals[i >= 0 ? i : this.finals.length - 1];
    for (const f of this.finals) if (f !== chosen && f.has('via')) this.reportResponse(f, undefined);
    if (chosen) this.reportResponse(chosen, undefined);
    this.sendDone();
    this.release();
  }

  /**
   * Once the caller has a 2xx and no branch awaits an answer, all that is left to do is pass
   * on further 2xx of an answered branch (retransmissions, other forks behind it) for the
   * rest of its Timer M. Its transaction is reduced to that (ClientTransactions.forwardLater2xx)
   * and this operation lets go of its branches.
   */
  private handOverAnswered(): void {
    if (!this.upstreamAnswered || !this.settled) return;
    for (const b of this.branches) if (b.client) this.host.forwardLater2xx(b.client, this.upstream.responseDest);
    // every branch is done and none can be reached any more (settled stays true)
    this.branches.length = 0;
  }

  /**
   * The caller has its final response, so no branch will be started: what branches are
   * built from and the responses the best was chosen among are let go. (An answered INVITE's
   * operation lives 64*T1 more, to pass on further 2xx.)
   */
  private release(): void {
    this.base = undefined;
    this.finals.length = 0;
    this.pending.length = 0;
    this.opts.extraHeaders = undefined;
  }

  /** Server shutdown: stop every timer this operation owns. */
  dispose(): void {
    for (const b of this.branches) this.clearTimers(b);
    this.report = undefined;
  }

  cancel(): void {
    if (this.upstreamFinal || this.canceled) return;
    this.canceled = true;
    this.pending.length = 0;
    for (const b of this.branches) if (!b.done) this.abandon(b, 487);
  }

  private clearTimers(b: Branch): void {
    for (const t of b.timers) clearTimeout(t);
    b.timers = [];
  }

  private reportResponse(res: SipMessage, branch: Branch | undefined): void {
    if (!this.report) return;
    replyProxyResponse(this.report.app, this.report.rid, res.toString(), branch?.client?.dest, this.upstream.id);
  }

  private sendDone(): void {
    if (!this.report) return;
    replyProxyDone(this.report.app, this.report.rid);
    this.report = undefined;
  }
}
