import { ServerRedis, type RedisOptions } from '@nestjs/microservices';

type Redis = Parameters<ServerRedis['handleMessage']>[2];

/**
 * Nest's Redis transport with a prefix on request/reply channels. Channels are
 * global to a Redis server (a key prefix does not reach them), so without this
 * every service on one Redis answers every request (say `registrar.list`), whichever
 * deployment or test asked. Events keep their plain names. The prefix must
 * equal the callers' (RequestBusClient's); empty is the plain contract names.
 */
export class RequestBusServer extends ServerRedis {
  constructor(
    options: Required<RedisOptions>['options'],
    private readonly channelPrefix: string,
  ) {
    super(options);
  }

  override getRequestPattern(pattern: string): string {
    return `${this.channelPrefix}${pattern}`;
  }

  override getReplyPattern(pattern: string): string {
    return `${this.channelPrefix}${pattern}.reply`;
  }

  /** Handlers are registered under the plain names: strip the prefix before looking one up. */
  override handleMessage(channel: string, buffer: string, pub: Redis, pattern: string): Promise<unknown> {
    const bare = this.channelPrefix && channel.startsWith(this.channelPrefix) ? channel.slice(this.channelPrefix.length) : channel;
    return super.handleMessage(bare, buffer, pub, bare === channel ? pattern : bare);
  }
}
