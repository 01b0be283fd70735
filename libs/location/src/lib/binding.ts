/** Where a phone can be reached, as the registrar saw it. */
export interface Binding {
  /** The Contact URI the phone registered. */
  contact: string;
  /** Where its REGISTER came from: behind NAT this is what reaches the phone. */
  source: { address: string; port: number; transport: string };
  expiresAt: number;
  registeredAt: number;
  callId: string;
  cseq: number;
  userAgent?: string;
  /** RFC 5626 outbound: +sip.instance and reg-id identify a binding across contact changes. */
  instanceId?: string;
  regId?: string;
  /** Which registrar replica took it. */
  registrar: string;
}

/** The identity of a binding within its address-of-record. */
export function bindingKey(b: Pick<Binding, 'contact' | 'instanceId' | 'regId'>): string {
  return b.instanceId ? `instance:${b.instanceId}:${b.regId ?? ''}` : `contact:${b.contact}`;
}

export type BindingChange = { op: 'upsert'; binding: Binding } | { op: 'remove'; key: string } | { op: 'remove-all'; callId: string; cseq: number };

export interface ApplyResult {
  bindings: Binding[];
  added: Binding[];
  refreshed: Binding[];
  removed: Binding[];
  expired: Binding[];
}

export class OutOfOrderRegister extends Error {
  constructor() {
    super('A REGISTER with the same Call-ID and a higher or equal CSeq was already processed');
    this.name = 'OutOfOrderRegister';
  }
}

/**
 * Applies one REGISTER's changes to an address-of-record's current bindings
 * (RFC 3261 §10.3 steps 6-8). Pure: the store persists the result. When more
 * than `maxBindings` remain, the ones expiring soonest are dropped: a phone
 * that changed address re-registers before its old binding has expired.
 */
export function applyChanges(current: Binding[], changes: BindingChange[], now: number, maxBindings: number): ApplyResult {
  const live = new Map<string, Binding>();
  const expired: Binding[] = [];
  for (const b of current) {
    if (b.expiresAt > now) live.set(bindingKey(b), b);
    else expired.push(b);
  }
  const added: Binding[] = [];
  const refreshed: Binding[] = [];
  const removed: Binding[] = [];
  for (const c of changes) {
    if (c.op === 'remove-all') {
      for (const b of live.values()) {
        if (b.callId === c.callId && b.cseq >= c.cseq) throw new OutOfOrderRegister();
      }
      removed.push(...live.values());
      live.clear();
    } else if (c.op === 'remove') {
      const b = live.get(c.key);
      if (b) {
        live.delete(c.key);
        removed.push(b);
      }
    } else {
      const key = bindingKey(c.binding);
      const old = live.get(key);
      if (old && old.callId === c.binding.callId && old.cseq >= c.binding.cseq) throw new OutOfOrderRegister();
      live.set(key, c.binding);
      (old ? refreshed : added).push(c.binding);
    }
  }
  let bindings = [...live.values()];
  if (bindings.length > maxBindings) {
    bindings.sort((a, b) => b.expiresAt - a.expiresAt);
    const evicted = bindings.slice(maxBindings);
    bindings = bindings.slice(0, maxBindings);
    removed.push(...evicted);
    const gone = new Set(evicted.map(bindingKey));
    for (const list of [added, refreshed]) {
      for (let i = list.length - 1; i >= 0; i--) if (gone.has(bindingKey(list[i]))) list.splice(i, 1);
    }
  }
  return { bindings, added, refreshed, removed, expired };
}

/** The bindings still alive at `now`, most recently registered first (what a call forks to, what a 200 lists). */
export function liveBindings(bindings: readonly Binding[], now: number): Binding[] {
  return bindings.filter((b) => b.expiresAt > now).sort((a, b) => b.registeredAt - a.registeredAt);
}
