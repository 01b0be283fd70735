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

  it('remembers which methods were ever routed, and lists the SIP methods routed now', () => {
    const reg = new AppRegistry();
    const registrar = new AppConnection(fakeSocket());
    const routing = new AppConnection(fakeSocket());
    reg.route(registrar, 'register');
    reg.route(routing, 'invite');
    reg.route(routing, 'cdr:stop');
    expect(reg.routedMethods()).toEqual(['INVITE', 'REGISTER']);
    reg.remove(registrar);
    expect(reg.routedMethods()).toEqual(['INVITE']);
    expect(reg.everRouted('REGISTER')).toBe(true);
    expect(reg.everRouted('MESSAGE')).toBe(false);
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

describe('AppConnection', () => {
  it('writes the frames queued in one turn of the event loop as one write, in order', async () => {
    const socket = fakeSocket();
    const app = new AppConnection(socket);
    app.send(['response', 'a', 'OK']);
    app.send(['sip', 'network'], 'INVITE sip:x SIP/2.0\r\n\r\n');
    expect(socket.write).not.toHaveBeenCalled();
    await new Promise((r) => setImmediate(r));
    expect(socket.write).toHaveBeenCalledTimes(1);
    const written = (socket.write as jest.Mock).mock.calls[0][0] as string;
    expect(written.indexOf('|response|a|OK')).toBeGreaterThan(0);
    expect(written.indexOf('|sip|network\r\nINVITE')).toBeGreaterThan(written.indexOf('|response|a|OK'));
  });

  it('sends what is queued before ending the connection', () => {
    const calls: string[] = [];
    const socket = {
      destroyed: false,
      write: (d: string) => calls.push(`write:${d.includes('incorrect secret')}`),
      end: () => calls.push('end'),
    } as unknown as net.Socket;
    const app = new AppConnection(socket);
    app.send(['response', 'a', 'NOK', 'incorrect secret']);
    app.end();
    expect(calls).toEqual(['write:true', 'end']);
  });
});
