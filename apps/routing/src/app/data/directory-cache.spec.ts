import { DirectoryCache } from './directory-cache';

describe('DirectoryCache', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  /** A loader that counts its calls and answers with the count. */
  function counter() {
    let calls = 0;
    return { load: async () => ++calls, calls: () => calls };
  }

  it('answers from memory within the TTL and loads again after it', async () => {
    const cache = new DirectoryCache(30_000, 100, now);
    const c = counter();
    expect(await cache.get('k', c.load)).toBe(1);
    clock += 29_999;
    expect(await cache.get('k', c.load)).toBe(1);
    clock += 1;
    expect(await cache.get('k', c.load)).toBe(2);
    expect(c.calls()).toBe(2);
  });

  it('shares one load among concurrent lookups of the same key', async () => {
    const cache = new DirectoryCache(30_000, 100, now);
    let release: (v: string) => void = () => undefined;
    let loads = 0;
    const load = () => {
      loads++;
      return new Promise<string>((r) => (release = r));
    };
    const a = cache.get('k', load);
    const b = cache.get('k', load);
    release('v');
    expect(await Promise.all([a, b])).toEqual(['v', 'v']);
    expect(loads).toBe(1);
  });

  it('keeps "not found" answers too (a caller address that is no gateway)', async () => {
    const cache = new DirectoryCache(30_000, 100, now);
    let loads = 0;
    const load = async () => {
      loads++;
      return null;
    };
    expect(await cache.get('gw', load)).toBeNull();
    expect(await cache.get('gw', load)).toBeNull();
    expect(loads).toBe(1);
  });

  it('does not keep a failed load: the next lookup tries again', async () => {
    const cache = new DirectoryCache(30_000, 100, now);
    await expect(cache.get('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('k', async () => 'back')).toBe('back');
  });

  it('forgets everything on clear (a directory event)', async () => {
    const cache = new DirectoryCache(30_000, 100, now);
    const c = counter();
    await cache.get('a', c.load);
    await cache.get('b', c.load);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(await cache.get('a', c.load)).toBe(3);
  });

  it('drops the oldest entry beyond its maximum size', async () => {
    const cache = new DirectoryCache(30_000, 2, now);
    const c = counter();
    await cache.get('first', c.load);
    await cache.get('second', c.load);
    await cache.get('third', c.load);
    expect(cache.size).toBe(2);
    expect(await cache.get('second', c.load)).toBe(2);
    expect(await cache.get('first', c.load)).toBe(4);
  });

  it('with a TTL of 0 loads every time', async () => {
    const cache = new DirectoryCache(0, 100, now);
    const c = counter();
    await cache.get('k', c.load);
    await cache.get('k', c.load);
    expect(c.calls()).toBe(2);
    expect(cache.size).toBe(0);
  });
});
