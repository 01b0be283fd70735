import type Redis from 'ioredis';
import type { RegistrarKeys } from './registrar-keys';

// Only a strictly higher nonce-count (a number) is accepted; the key lives as long as the nonce.
// The same key is the counter LocationStore.apply advances with a registration's write.
const NC_SCRIPT = `
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local nc = tonumber(ARGV[1])
if nc == nil or nc <= last then return 0 end
redis.call('SET', KEYS[1], tostring(nc), 'EX', ARGV[2])
return 1
`;

/**
 * RFC 7616 replay protection for a REGISTER that writes nothing (a query): its nonce-count is
 * checked and advanced on its own. A command of the client (ioredis `defineCommand`), sent by SHA1.
 */
export class NonceCounts {
  private readonly redis: Redis & { registrarNonceCount(key: string, nc: number, ttlSeconds: number): Promise<number> };

  constructor(
    redis: Redis,
    private readonly keys: RegistrarKeys,
  ) {
    redis.defineCommand('registrarNonceCount', { numberOfKeys: 1, lua: NC_SCRIPT });
    this.redis = redis as Redis & { registrarNonceCount(key: string, nc: number, ttlSeconds: number): Promise<number> };
  }

  /** Accepts a nonce-count only once and only increasing. */
  async accept(nonce: string, nc: number, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.registrarNonceCount(this.keys.nonceCount(nonce), nc, ttlSeconds)) === 1;
  }
}
