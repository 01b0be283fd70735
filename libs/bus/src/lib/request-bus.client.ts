import { ClientRedis, type RedisOptions } from '@nestjs/microservices';

/**
 * Nest's Redis client with a prefix on request/reply channels, the
 * counterpart of RequestBusServer: channels are global to a
 * Redis server, so the prefix is what keeps deployments (and test files)
 * sharing one Redis from answering each other's requests. Events are not
 * sent through this client.
 */
export class RequestBusClient extends ClientRedis {
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

  /** How many servers listen for `pattern` now; 0 means a request would only wait for its timeout. */
  async listeners(pattern: string): Promise<number> {
    await this.connect();
    const reply = (await this.pubClient.pubsub('NUMSUB', this.getRequestPattern(pattern))) as [string, number | string];
    return Number(reply[1]);
  }
}
