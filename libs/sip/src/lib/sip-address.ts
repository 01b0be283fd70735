/** The user and host of a SIP URI: how a phone, a REGISTER's To or an INVITE's target is named. */
export interface SipAddress {
  /** Percent-decoded user part. */
  user: string;
  /** Host, lower-cased (an IPv6 reference keeps its brackets). */
  host: string;
}

/** user@host of a sip: or sips: URI; null when it is not one, or has no user part. */
export function parseAddress(uri: string): SipAddress | null {
  // The bracketed IPv6 reference first: the plain-host branch would stop at its first colon.
  const m = /^sips?:([^@;?]+)@(\[[^\]]+\]|[^;?>:]+)/i.exec(uri);
  return m ? { user: decodeURIComponent(m[1]), host: m[2].toLowerCase() } : null;
}
