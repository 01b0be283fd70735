import type Srf from 'drachtio-srf';
import { ANSWERED, RequestChain } from './request-chain';

/** The little of a request and a response the chain itself touches. */
function exchange(callId = 'call-1') {
  const sent: number[] = [];
  const res = {
    finalResponseSent: false,
    send(status: number) {
      sent.push(status);
      res.finalResponseSent = true;
    },
  };
  const req = { get: (name: string) => (name === 'Call-ID' ? callId : undefined) };
  return { req: req as unknown as Srf.SrfRequest, res: res as unknown as Srf.SrfResponse, sent };
}

function failureLog() {
  const logged: { obj: Record<string, unknown>; msg: string }[] = [];
  return { logged, failure: { logger: { error: (obj: Record<string, unknown>, msg: string) => logged.push({ obj, msg }) } as never, message: 'INVITE failed' } };
}

describe('RequestChain', () => {
  it('hands each step what the step before it returned, and the last step the final context', async () => {
    const seen: unknown[] = [];
    const { failure } = failureLog();
    const handler = RequestChain.start<{ now: number }>()
      .step((_req, _res, c) => ({ ...c, user: 'alice' }))
      .step(async (_req, _res, c) => ({ ...c, greeting: `hello ${c.user} at ${c.now}` }))
      .answer((_req, _res, c) => void seen.push(c), failure);
    const { req, res } = exchange();
    await handler(req, res, { now: 7 });
    expect(seen).toEqual([{ now: 7, user: 'alice', greeting: 'hello alice at 7' }]);
  });

  it('refuses at compile time a step that reads what no earlier step produced', () => {
    const chain = RequestChain.start<{ now: number }>().step((_req, _res, c) => ({ ...c, user: 'alice' }));
    // @ts-expect-error `realm` was never produced
    chain.step((_req, _res, c) => c.realm);
    // @ts-expect-error the last step sees only what the steps produced
    chain.answer((_req, _res, c) => void c.realm, failureLog().failure);
    expect(chain).toBeInstanceOf(RequestChain);
  });

  it('stops at a step that answered: neither the later steps nor the last step run', async () => {
    const ran: string[] = [];
    const { failure } = failureLog();
    const handler = RequestChain.start<{ known: boolean }>()
      .step((_req, res, c) => {
        ran.push('check');
        if (c.known) return c;
        res.send(404, 'Not Found', {});
        return ANSWERED;
      })
      .step((_req, _res, c) => (ran.push('later'), c))
      .answer(() => void ran.push('last'), failure);
    const { req, res, sent } = exchange();
    await handler(req, res, { known: false });
    expect(ran).toEqual(['check']);
    expect(sent).toEqual([404]);
  });

  it('runs synchronous steps in the same tick, one after the other', () => {
    const ran: string[] = [];
    const handler = RequestChain.start<object>()
      .step((_req, _res, c) => (ran.push('a'), c))
      .step((_req, _res, c) => (ran.push('b'), c))
      .answer(() => void ran.push('last'), failureLog().failure);
    const { req, res } = exchange();
    void handler(req, res, {});
    expect(ran).toEqual(['a', 'b', 'last']);
  });

  it.each([
    ['throws', () => { throw new Error('boom'); }],
    ['rejects', () => Promise.reject(new Error('boom'))],
  ])('answers 500 and logs the Call-ID when a step %s', async (_how, step) => {
    const { failure, logged } = failureLog();
    const handler = RequestChain.start<object>().step(step).answer(() => undefined, failure);
    const { req, res, sent } = exchange('abc@host');
    await handler(req, res, {});
    expect(sent).toEqual([500]);
    expect(logged).toEqual([{ obj: { err: new Error('boom'), callId: 'abc@host' }, msg: 'INVITE failed' }]);
  });

  it('tells onFailure of each failure, once, and of nothing else', async () => {
    let failures = 0;
    const failure = { ...failureLog().failure, onFailure: () => void failures++ };
    const failing = RequestChain.start<object>().step(() => Promise.reject(new Error('boom'))).answer(() => undefined, failure);
    const fine = RequestChain.start<object>().answer((_req, res) => res.send(200, {}), failure);
    await failing(exchange().req, exchange().res, {});
    await fine(exchange().req, exchange().res, {});
    expect(failures).toBe(1);
  });

  it('sends no 500 when the failing step had already answered', async () => {
    const { failure, logged } = failureLog();
    const handler = RequestChain.start<object>().answer((_req, res) => {
      res.send(200, {});
      throw new Error('after the answer');
    }, failure);
    const { req, res, sent } = exchange();
    await handler(req, res, {});
    expect(sent).toEqual([200]);
    expect(logged).toHaveLength(1);
  });

  it('leaves a chain unchanged when a step is added, so handlers can share a prefix', async () => {
    const ran: string[] = [];
    const prefix = RequestChain.start<object>().step((_req, _res, c) => (ran.push('shared'), c));
    const one = prefix.step((_req, _res, c) => (ran.push('one'), c)).answer(() => undefined, failureLog().failure);
    const two = prefix.answer(() => void ran.push('two'), failureLog().failure);
    const { req, res } = exchange();
    await one(req, res, {});
    await two(req, res, {});
    expect(ran).toEqual(['shared', 'one', 'shared', 'two']);
  });
});
