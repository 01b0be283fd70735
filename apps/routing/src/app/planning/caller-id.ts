/**
 * The E.164 number an outside call presents (From and P-Asserted-Identity):
 * for an emergency call the site's emergency caller ID, so the emergency
 * centre sees where the caller is; otherwise, and as the emergency fallback,
 * the extension's own external caller ID, then a DID that rings the extension,
 * then the site's first DID. Null: nothing to present (the call goes out anonymous).
 */
export function presentedCallerId(
  o: { externalCallerId: string | null; extensionDid: string | null; siteDid: string | null; emergencyCallerId: string | null },
  emergency: boolean,
): string | null {
  if (emergency && o.emergencyCallerId) return o.emergencyCallerId;
  return o.externalCallerId ?? o.extensionDid ?? o.siteDid;
}
