import type { Extension } from '@branchline/db';

/** What the API shows of an extension: never the HA1s nor the encrypted password. */
export type ExtensionView = Omit<Extension, 'ha1Md5' | 'ha1Sha256' | 'sipPasswordEnc'>;

export function toExtensionView(e: Extension): ExtensionView {
  const { ha1Md5: _m, ha1Sha256: _s, sipPasswordEnc: _p, ...view } = e;
  return view;
}

/** Creation and reset answer once with the password; it is never shown again. */
export type ExtensionWithPassword = ExtensionView & { sipPassword: string };

/**
 * What list and get add: whether the phone is registered now (`online`) and
 * with how many bindings, asked from the registrar; null when it cannot say.
 * Not part of ExtensionView, so audit entries and events never carry it.
 */
export type ExtensionWithPresence = ExtensionView & { online: boolean | null; registrations: number | null };

export function withPresence(view: ExtensionView, presence: ReadonlyMap<string, number> | null): ExtensionWithPresence {
  if (!presence) return { ...view, online: null, registrations: null };
  const registrations = presence.get(view.sipUsername) ?? 0;
  return { ...view, online: registrations > 0, registrations };
}
