import type * as net from 'node:net';
import { AppConnection, AppRegistry, normalizeVerb } from './app-registry';

const fakeSocket = () => ({ destroyed: false, write: jest.fn() }) as unknown as net.Socket;

describe('AppRegistry', () => {
  it('spreads new requests for a method across apps round-robin', () => {
    const reg = new AppRegistry();
    const a = new AppConnection(fakeSocket());
    const b = new AppConnection(fakeSocket());
    reg.route(a, 'invite');
    reg.route(b, 'INVITE');
    expect([reg.pick('INVITE'), reg.pick('INVITE'), reg.pick('INVITE')]).toEqual([a, b, a]);
  });

  it('stops offering an app once it is removed', () => {
    const reg = new AppRegistry();
    const a = new AppConnection(fakeSocket());
    const b = new AppConnection(fakeSocket());
    reg.route(a, 'invite');
    reg.route(b, 'invite');
    reg.remove(a);
    expect([reg.pick('INVITE'), reg.pick('INVITE')]).toEqual([b, b]);
    expect(reg.pick('OPTIONS')).toBeUndefined();
  });

  it('sends every CDR event of one call to the same app', () => {
    const reg = new AppRegistry();
    const apps = [1, 2, 3].map(() => new AppConnection(fakeSocket()));
    for (const app of apps) {
      reg.route(app, 'cdr:attempt');
      reg.route(app, 'cdr:stop');
    }
    expect(reg.pickForCdr('cdr:attempt', 'abc@x')).toBe(reg.pickForCdr('cdr:stop', 'abc@x'));
  });

  it('keeps cdr verbs as sent and upper-cases SIP methods', () => {
    expect(normalizeVerb('cdr:start')).toBe('cdr:start');
    expect(normalizeVerb('invite')).toBe('INVITE');
  });
});
