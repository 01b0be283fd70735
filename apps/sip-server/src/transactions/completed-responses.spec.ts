import type { Destination } from '../transport/transport-layer';
import { CompletedResponses, keyHash } from './completed-responses';

const udp = (address: string, port: number): Destination => ({ transport: 'udp', address, port });
const bytes = (s: string) => Buffer.from(s, 'utf8');

/** Two different keys with the same 30-bit hash, found by brute force. */
function collidingKeys(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const key = `z9hG4bK${i}|127.0.0.1:5060|REGISTER`;
    const h = keyHash(key);
    const other = seen.get(h);
    if (other !== undefined) return [other, key];
    seen.set(h, key);
  }
}

describe('CompletedResponses', () => {
  it('gives back the response and where it went, as a copy', () => {
    const store = new CompletedResponses();
    expect(store.add('b1|10.0.0.1:5060|REGISTER', bytes('SIP/2.0 200 OK\r\n\r\n'), udp('10.0.0.1', 5062), 1000)).toBe(true);
    expect(store.add('b2|[::1]:5060|OPTIONS', bytes('SIP/2.0 401 Unauthorized\r\n\r\n'), udp('::1', 40000), 1000)).toBe(true);
    const first = store.get('b1|10.0.0.1:5060|REGISTER');
    expect(first?.response.toString()).toBe('SIP/2.0 200 OK\r\n\r\n');
    expect(first?.dest).toEqual({ transport: 'udp', address: '10.0.0.1', port: 5062 });
    expect(store.get('b2|[::1]:5060|OPTIONS')?.dest).toEqual({ transport: 'udp', address: '::1', port: 40000 });
    first?.response.fill(0);
    expect(store.get('b1|10.0.0.1:5060|REGISTER')?.response.toString()).toBe('SIP/2.0 200 OK\r\n\r\n');
    expect(store.get('b3|10.0.0.1:5060|REGISTER')).toBeUndefined();
    expect(store.size).toBe(2);
  });

  it('forgets records when they are due, oldest first, and no others', () => {
    const store = new CompletedResponses();
    for (let i = 0; i < 10; i++) store.add(`k${i}`, bytes(`r${i}`), udp('127.0.0.1', 5060), 100 + i * 10);
    store.sweep(139);
    expect(store.size).toBe(6);
    for (let i = 0; i < 4; i++) expect(store.get(`k${i}`)).toBeUndefined();
    for (let i = 4; i < 10; i++) expect(store.get(`k${i}`)?.response.toString()).toBe(`r${i}`);
    store.sweep(10_000);
    expect(store.size).toBe(0);
    expect(store.get('k9')).toBeUndefined();
    // and it takes new records again from the start
    expect(store.add('again', bytes('r'), udp('127.0.0.1', 5060), 20_000)).toBe(true);
    expect(store.get('again')?.response.toString()).toBe('r');
  });

  it('refuses a record larger than a slab and any record while every slab is in use', () => {
    const store = new CompletedResponses({ slabBytes: 256, maxSlabs: 2 });
    expect(store.add('big', Buffer.alloc(300), udp('127.0.0.1', 5060), 1)).toBe(false);
    let added = 0;
    while (store.add(`k${added}`, Buffer.alloc(60), udp('127.0.0.1', 5060), 100 + added)) added++;
    // 22-byte header + key + address + 60 bytes: 2 per 256-byte slab, then the ring is full
    expect(added).toBe(4);
    expect(store.size).toBe(4);
    store.sweep(101); // the first slab's two records are due: its slot comes free
    expect(store.add('later', Buffer.alloc(60), udp('127.0.0.1', 5060), 200)).toBe(true);
    expect(store.get('k2')).toBeDefined();
    expect(store.get('later')).toBeDefined();
  });

  it('tells apart keys whose hashes collide, and keeps one when the other goes', () => {
    const [a, b] = collidingKeys();
    expect(keyHash(a)).toBe(keyHash(b));
    const store = new CompletedResponses();
    store.add(a, bytes('for a'), udp('127.0.0.1', 1111), 10);
    store.add(b, bytes('for b'), udp('127.0.0.1', 2222), 20);
    expect(store.get(a)?.response.toString()).toBe('for a');
    expect(store.get(b)?.response.toString()).toBe('for b');
    store.sweep(15);
    expect(store.get(a)).toBeUndefined();
    expect(store.get(b)?.dest.port).toBe(2222);
    store.sweep(25);
    expect(store.get(b)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('agrees with a plain map over many rounds of adds and sweeps through a small ring of slabs', () => {
    const store = new CompletedResponses({ slabBytes: 512, maxSlabs: 8 });
    const model = new Map<string, { response: string; port: number; until: number }>();
    let now = 0;
    let seq = 0;
    let refused = 0;
    for (let round = 0; round < 2000; round++) {
      now += 1;
      const adds = (round * 7) % 5;
      for (let i = 0; i < adds; i++) {
        const key = `br${seq}|host-${seq % 13}.example:5060|REGISTER`;
        const response = `SIP/2.0 200 OK\r\nCall-ID: ${seq}\r\n${'x'.repeat(seq % 90)}\r\n\r\n`;
        const until = now + 20;
        if (store.add(key, bytes(response), udp(`10.0.${seq % 250}.1`, 5000 + (seq % 1000)), until)) {
          model.set(key, { response, port: 5000 + (seq % 1000), until });
        } else refused++;
        seq++;
      }
      store.sweep(now);
      for (const [key, m] of model) if (m.until <= now) model.delete(key);
      expect(store.size).toBe(model.size);
      if (round % 50 === 0) {
        for (const [key, m] of model) {
          const got = store.get(key);
          expect(got?.response.toString()).toBe(m.response);
          expect(got?.dest.port).toBe(m.port);
        }
        expect(store.get(`br${seq - 200}|gone`)).toBeUndefined();
      }
    }
    // the ring wrapped many times and records were refused only while it was full
    expect(seq).toBeGreaterThan(3000);
    expect(refused).toBeLessThan(seq / 2);
  });

  it('starts empty after clear', () => {
    const store = new CompletedResponses();
    store.add('k', bytes('r'), udp('127.0.0.1', 5060), 10);
    store.clear();
    expect(store.size).toBe(0);
    expect(store.get('k')).toBeUndefined();
    expect(store.add('k2', bytes('r2'), udp('127.0.0.1', 5060), 10)).toBe(true);
    expect(store.get('k2')?.response.toString()).toBe('r2');
  });
});
