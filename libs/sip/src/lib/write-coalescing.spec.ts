import { once } from 'node:events';
import * as net from 'node:net';
import { coalesceWrites } from './write-coalescing';

describe('coalesceWrites', () => {
  let server: net.Server;
  let client: net.Socket;
  let received: Buffer[];

  beforeEach(async () => {
    received = [];
    server = net.createServer((s) => s.on('data', (d) => received.push(d)));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    client.setNoDelay(true);
    await once(client, 'connect');
  });

  afterEach(async () => {
    client.destroy();
    await new Promise((r) => server.close(r));
  });

  it('holds the writes of one tick and releases them together, in order, after it', async () => {
    coalesceWrites(client);
    coalesceWrites(client); // a second call changes nothing
    const done: string[] = [];
    client.write('one;', () => done.push('one'));
    client.write('two;', () => done.push('two'));
    expect(client.writableCorked).toBe(1);
    await new Promise((r) => process.nextTick(r));
    expect(client.writableCorked).toBe(0);
    client.write('three;');
    expect(client.writableCorked).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(Buffer.concat(received).toString()).toBe('one;two;three;');
    expect(done).toEqual(['one', 'two']);
  });

  it('leaves a socket it was not given alone', () => {
    client.write('x');
    expect(client.writableCorked).toBe(0);
  });
});
