import type Srf from 'drachtio-srf';
import type { Logger } from 'pino';

type Req = Srf.SrfRequest;
type Res = Srf.SrfResponse;

/** What a step returns once it has answered the request: the steps after it do not run. */
export const ANSWERED: unique symbol = Symbol('answered');
export type Answered = typeof ANSWERED;

/**
 * One step of handling a request: it answers (and returns `ANSWERED`), or
 * returns the context the next step works on, usually its input with what it
 * found added. A step may be synchronous; it then runs in the same tick as the
 * step before it.
 */
export type ChainStep<In, Out> = (req: Req, res: Res, ctx: In) => Out | Answered | Promise<Out | Answered>;

/** The step that ends every path through a chain: it answers whatever it is given. */
export type LastStep<In> = (req: Req, res: Res, ctx: In) => void | Promise<void>;

/** A composed chain, for `srf.invite`/`srf.register` callbacks: `input` is the first step's context. */
export type RequestHandler<In> = (req: Req, res: Res, input: In) => Promise<void>;

/** Where a step's error is reported: `message` is logged at error level with the request's Call-ID. */
export interface ChainFailureLog {
  logger: Pick<Logger, 'error'>;
  message: string;
  /** Called after the failure is logged (an app's error counter). */
  onFailure?: () => void;
}

type UntypedStep = (req: Req, res: Res, ctx: unknown) => unknown;

/**
 * Steps over drachtio-srf's request and response whose contexts are typed
 * end to end: each step's input is what the step before it returned, so a
 * step that needs something no earlier step produced does not compile. This
 * replaces the untyped `req.locals` bag of middleware chains. Immutable: two
 * handlers may share a prefix of steps.
 */
export class RequestChain<In, Out> {
  private constructor(private readonly steps: readonly UntypedStep[]) {}

  /** An empty chain whose first step gets `In` (the handler's `input`). */
  static start<In>(): RequestChain<In, In> {
    return new RequestChain<In, In>([]);
  }

  step<Next>(step: ChainStep<Out, Next>): RequestChain<In, Next> {
    return new RequestChain<In, Next>([...this.steps, step as UntypedStep]);
  }

  /**
   * Ends the chain with `last` and returns the handler. An error thrown (or a
   * promise rejected) in any step is logged with the Call-ID and answered 500,
   * unless a final response was already sent.
   */
  answer(last: LastStep<Out>, failure: ChainFailureLog): RequestHandler<In> {
    const steps = [...this.steps];
    return async (req, res, input) => {
      try {
        let ctx: unknown = input;
        for (const step of steps) {
          const out = step(req, res, ctx);
          ctx = out instanceof Promise ? await out : out;
          if (ctx === ANSWERED) return;
        }
        await last(req, res, ctx as Out);
      } catch (err) {
        failure.logger.error({ err, callId: req.get('Call-ID') }, failure.message);
        failure.onFailure?.();
        if (!res.finalResponseSent) res.send(500, {});
      }
    };
  }
}
