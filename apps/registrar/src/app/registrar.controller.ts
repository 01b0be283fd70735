import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload, RpcException } from '@nestjs/microservices';
import { z } from 'zod';
import {
  Events,
  REGISTRAR_LIST_MAX_USERS,
  Requests,
  type EntityEvent,
  type ExtensionEventData,
  type RegistrarListReply,
  type RegistrarListRequest,
  type RegistrarLookupRequest,
  type RegistrarRequestError,
  type RegistrationView,
} from '@branchline/contracts';
import { LocationStore } from '@branchline/location';
import { CredentialRepository } from './credential.repository';
import { toView } from './registration-events';

const user = z.string().min(1).max(64);
const lookupRequest = z.object({ tenantId: z.uuid(), user });
const listRequest = z.object({ tenantId: z.uuid(), users: z.array(user).optional() });

/** A malformed request is answered with an error naming the fields, never with an internal error. */
function parse<T>(schema: z.ZodType<T>, payload: unknown): T {
  const r = schema.safeParse(payload);
  if (r.success) return r.data;
  const message = r.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
  throw new RpcException({ code: 'invalid-request', message } satisfies RegistrarRequestError);
}

@Controller()
export class RegistrarController {
  constructor(
    private readonly location: LocationStore,
    private readonly credentials: CredentialRepository,
  ) {}

  @MessagePattern(Requests.RegistrarLookup)
  async lookup(@Payload() payload: unknown): Promise<RegistrationView[]> {
    const q: RegistrarLookupRequest = parse(lookupRequest, payload);
    const [ids, bindings] = await Promise.all([this.credentials.extensionIds(q.tenantId, [q.user]), this.location.lookup(q.tenantId, q.user)]);
    return bindings.map((b) => toView(q.tenantId, ids.get(q.user) ?? '', q.user, b));
  }

  /** Named users, or every registered user of the tenant (from the location's tenant index, no scan). */
  @MessagePattern(Requests.RegistrarList)
  async list(@Payload() payload: unknown): Promise<RegistrarListReply> {
    const q: RegistrarListRequest = parse(listRequest, payload);
    const now = Date.now();
    const wanted = q.users ? [...new Set(q.users)] : await this.location.registeredUsers(q.tenantId, now, REGISTRAR_LIST_MAX_USERS + 1);
    const users = wanted.slice(0, REGISTRAR_LIST_MAX_USERS).sort();
    const bindings = await this.location.lookupMany(q.tenantId, users, now);
    const ids = bindings.size ? await this.credentials.extensionIds(q.tenantId, [...bindings.keys()]) : new Map<string, string>();
    const registrations = users.flatMap((u) => (bindings.get(u) ?? []).map((b) => toView(q.tenantId, ids.get(u) ?? '', u, b)));
    return { registrations, truncated: wanted.length > users.length };
  }

  /** Any change to an extension drops its cached credentials, so it takes effect at once. */
  @EventPattern(Events.ExtensionUpdated)
  onUpdated(@Payload() e: EntityEvent<ExtensionEventData>) {
    return this.forget(e);
  }

  @EventPattern(Events.ExtensionDeleted)
  onDeleted(@Payload() e: EntityEvent<ExtensionEventData>) {
    return this.forget(e);
  }

  @EventPattern(Events.ExtensionPasswordReset)
  onPasswordReset(@Payload() e: EntityEvent<ExtensionEventData>) {
    return this.forget(e);
  }

  private async forget(e: EntityEvent<ExtensionEventData>): Promise<void> {
    const realm = await this.credentials.realmOfTenant(e.tenantId);
    if (!realm) return;
    // A rename must drop the old name's entry too, or the old name would still authenticate.
    const users = new Set([e.data.sipUsername, e.previous?.sipUsername].filter((u): u is string => !!u));
    for (const user of users) await this.credentials.forget(realm, user);
  }
}
