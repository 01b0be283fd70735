import { KnownLocks } from './known-locks';

describe('KnownLocks', () => {
  const now = 1_700_000_000_000;

  it('finds a source lock for any user, and a user-source lock only for that user of that realm from that source', () => {
    const locks = new KnownLocks(60_000, 100);
    locks.remember('source', '10.0.0.9', 'a.test', '1001', 30_000, now);
    locks.remember('user-source', '10.0.0.7', 'a.test', '2001', 30_000, now);
    expect(locks.find('10.0.0.9', 'b.test', '5555', now + 1)).toBe('source');
    expect(locks.find('10.0.0.9', 'b.test', null, now + 1)).toBe('source');
    expect(locks.find('10.0.0.7', 'a.test', '2001', now + 1)).toBe('user-source');
    expect(locks.find('10.0.0.1', 'a.test', '2001', now + 1)).toBeNull();
    expect(locks.find('10.0.0.7', 'a.test', '2002', now + 1)).toBeNull();
    expect(locks.find('10.0.0.7', 'b.test', '2001', now + 1)).toBeNull();
    expect(locks.find('10.0.0.7', 'a.test', null, now + 1)).toBeNull();
  });

  it('never refuses for a slow-down: it is remembered only to announce it once', () => {
    const locks = new KnownLocks(60_000, 100);
    expect(locks.remember('slowdown', '10.0.0.1', 'a.test', '1001', 30_000, now)).toBe(true);
    expect(locks.remember('slowdown', '10.0.0.2', 'a.test', '1001', 30_000, now + 1)).toBe(false);
    expect(locks.find('10.0.0.1', 'a.test', '1001', now + 2)).toBeNull();
  });

  it('forgets a lock when it runs out, and holds none longer than maxHoldMs', () => {
    const locks = new KnownLocks(10_000, 100);
    locks.remember('source', '10.0.0.1', 'a.test', '1', 5_000, now);
    locks.remember('source', '10.0.0.2', 'a.test', '1', 900_000, now);
    expect(locks.find('10.0.0.1', 'a.test', '1', now + 4_999)).toBe('source');
    expect(locks.find('10.0.0.1', 'a.test', '1', now + 5_000)).toBeNull();
    expect(locks.find('10.0.0.2', 'a.test', '1', now + 9_999)).toBe('source');
    expect(locks.find('10.0.0.2', 'a.test', '1', now + 10_000)).toBeNull();
  });

  it('reports a lock as news only when it is not already held', () => {
    const locks = new KnownLocks(10_000, 100);
    expect(locks.remember('user-source', '10.0.0.1', 'a.test', '1001', 10_000, now)).toBe(true);
    expect(locks.remember('user-source', '10.0.0.1', 'a.test', '1001', 10_000, now + 100)).toBe(false);
    expect(locks.remember('user-source', '10.0.0.2', 'a.test', '1001', 10_000, now + 100)).toBe(true);
    expect(locks.remember('source', '10.0.0.1', 'a.test', '1001', 10_000, now + 100)).toBe(true);
    // once it has run out, learning it again is news again
    expect(locks.remember('user-source', '10.0.0.1', 'a.test', '1001', 10_000, now + 20_000)).toBe(true);
  });

  it('keeps the parts of a key apart: a user name cannot pose as another user at another address', () => {
    const locks = new KnownLocks(60_000, 100);
    locks.remember('user-source', '10.0.0.2', 'a.test', '1001\u000010.0.0.1', 30_000, now);
    expect(locks.find('10.0.0.1', 'a.test', '1001', now + 1)).toBeNull();
  });

  it('keeps at most maxEntries: what has run out goes first, else the oldest', () => {
    const locks = new KnownLocks(60_000, 3);
    locks.remember('source', '10.0.0.1', 'r', 'u', 1_000, now);
    locks.remember('source', '10.0.0.2', 'r', 'u', 50_000, now);
    locks.remember('source', '10.0.0.3', 'r', 'u', 50_000, now);
    locks.remember('source', '10.0.0.4', 'r', 'u', 50_000, now + 2_000);
    expect(locks.size).toBe(3);
    expect(['10.0.0.2', '10.0.0.3', '10.0.0.4'].map((s) => locks.find(s, 'r', 'x', now + 2_001))).toEqual(['source', 'source', 'source']);
    locks.remember('source', '10.0.0.5', 'r', 'u', 50_000, now + 3_000);
    expect(locks.size).toBe(3);
    expect(locks.find('10.0.0.2', 'r', 'x', now + 3_001)).toBeNull();
    expect(locks.find('10.0.0.5', 'r', 'x', now + 3_001)).toBe('source');
  });
});
