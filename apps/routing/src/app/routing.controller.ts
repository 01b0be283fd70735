import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload, RpcException } from '@nestjs/microservices';
import { z } from 'zod';
import { Requests, type RoutingExplainReply, type RoutingExplainRequest, type RoutingRequestError } from '@branchline/contracts';
import { CallPlanner } from './planning/call-planner';
import { DIRECTORY_EVENTS, DirectoryCache } from './data/directory-cache';
import { DirectoryRepository } from './data/directory.repository';
import { explainPlan } from './planning/explain';

const explainRequest = z.object({ tenantId: z.uuid(), extensionId: z.uuid(), dialed: z.string().min(1).max(64) });

/** A malformed request is answered with an error naming the fields, never with an internal error. */
function parse<T>(schema: z.ZodType<T>, payload: unknown): T {
  const r = schema.safeParse(payload);
  if (r.success) return r.data;
  const message = r.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
  throw new RpcException({ code: 'invalid-request', message } satisfies RoutingRequestError);
}

/** Requests to routing on the Redis bus, and the directory events it listens to. */
@Controller()
export class RoutingController {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly planner: CallPlanner,
    private readonly cache: DirectoryCache,
  ) {}

  /** Accounts changed the directory: the next call reads it afresh. */
  @EventPattern(DIRECTORY_EVENTS)
  onDirectoryChanged(): void {
    this.cache.clear();
  }

  /** What a call from this extension to these digits would do now: the INVITE handler's own plan. */
  @MessagePattern(Requests.RoutingExplain)
  async explain(@Payload() payload: unknown): Promise<RoutingExplainReply> {
    const q: RoutingExplainRequest = parse(explainRequest, payload);
    const caller = await this.directory.callerById(q.tenantId, q.extensionId);
    if (!caller) throw new RpcException({ code: 'not-found', message: `Extension ${q.extensionId} does not exist` } satisfies RoutingRequestError);
    return explainPlan(q.dialed, caller, await this.planner.plan(caller, q.dialed, new Date()));
  }
}
