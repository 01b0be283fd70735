import type { Extension } from '@branchline/db';

/** What the API shows of an extension: never the HA1s nor the encrypted password. */
export type ExtensionView = Omit<Extension, 'ha1Md5' | 'ha1Sha256' | 'sipPasswordEnc'>;

export function toExtensionView(e: Extension): ExtensionView {
  const { ha1Md5: _m, ha1Sha256: _s, sipPasswordEnc: _p, ...view } = e;
  return view;
}

/** Creation and reset answer once with the password; it is never shown again. */
export type ExtensionWithPassword = ExtensionView & { sipPassword: string };
