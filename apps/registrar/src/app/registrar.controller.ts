import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  Events,
  Requests,
  type EntityEvent,
  type ExtensionEventData,
  type RegistrarListRequest,
  type RegistrarLookupRequest,
  type RegistrationView,
} from '@branchline/contracts';
import { LocationStore } from '@branchline/location';
import { CredentialRepository } from './credential.repository';
import { toView } from './registration-events';

@Controller()
export class RegistrarController {
  constructor(
    private readonly location: LocationStore,
    private readonly credentials: CredentialRepository,
  ) {}

  @MessagePattern(Requests.RegistrarLookup)
  async lookup(@Payload() q: RegistrarLookupRequest): Promise<RegistrationView[]> {
    const ids = await this.credentials.extensionIds(q.tenantId, [q.user]);
    const bindings = await this.location.lookup(q.tenantId, q.user);
    return bindings.map((b) => toView(q.tenantId, ids.get(q.user) ?? '', q.user, b));
  }

  @MessagePattern(Requests.RegistrarList)
  async list(@Payload() q: RegistrarListRequest): Promise<RegistrationView[]> {
    const users = q.users.slice(0, 1000);
    const ids = await this.credentials.extensionIds(q.tenantId, users);
    const all = await Promise.all(users.map(async (u) => (await this.location.lookup(q.tenantId, u)).map((b) => toView(q.tenantId, ids.get(u) ?? '', u, b))));
    return all.flat();
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
