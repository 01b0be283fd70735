import type { Binding } from '@branchline/location';

/**
 * Where routing's B2BUA sends the INVITE to a callee's phone, what it puts on
 * it, and what it answers the caller when every phone refused: pure, so the
 * rules are tested as tables.
 */

/** Headers of the caller's INVITE that describe the call to the callee, and nothing about the caller's own hop. */
const PASSED_ON = ['Allow', 'Accept', 'Alert-Info', 'Call-Info', 'Subject', 'Priority', 'Organization'] as const;

/** The parts of the caller's INVITE the callee's leg is built from. */
export interface CallerInvite {
  /** The From header's display name, if any. */
  fromName: string | undefined;
  /** The From header's URI (the caller's identity). */
  fromUri: string;
  /** The To header's URI (who was called). */
  toUri: string;
  /** A header's value, undefined when absent. */
  header(name: string): string | undefined;
}

/**
 * The headers of the callee's INVITE. From and To name the same parties as
 * the caller's INVITE (the callee's phone shows who calls); everything about
 * the caller's hop stays behind: its Via, Contact, Route and Call-ID are the
 * B2BUA's own, and the caller's digest credentials (Proxy-Authorization,
 * Authorization) were for this PBX's realm, so they never leave it
 * (RFC 3261 §22.3): a callee could otherwise collect colleagues' digest
 * responses and guess their passwords offline.
 */
export function calleeLegHeaders(invite: CallerInvite): Record<string, string> {
  const headers: Record<string, string> = {
    From: invite.fromName ? `${quoteDisplayName(invite.fromName)} <${invite.fromUri}>` : `<${invite.fromUri}>`,
    To: `<${invite.toUri}>`,
  };
  for (const name of PASSED_ON) {
    const value = invite.header(name);
    if (value !== undefined && value !== '') headers[name] = value;
  }
  return headers;
}

/** A display name as a quoted string (RFC 3261 §25.1), whether or not it came quoted. */
export function quoteDisplayName(name: string): string {
  const bare = /^".*"$/.test(name) ? name.slice(1, -1).replace(/\\(.)/g, '$1') : name;
  return `"${bare.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export interface FinalAnswer {
  status: number;
  reason: string;
}

/**
 * The answer for the caller when every phone of the callee answered with a
 * failure, as a forking proxy chooses it (RFC 3261 §16.7 step 6): a global
 * failure (6xx) wins, else the lowest class, the first of it that came; a
 * phone's 503 becomes 500 (a 503 would tell the caller's phone this PBX is
 * out of service and to try another), and a challenge from a phone (401/407)
 * is not the caller's to answer, so it counts as 480.
 */
export function bestFinal(finals: readonly FinalAnswer[]): FinalAnswer {
  if (!finals.length) return { status: 480, reason: 'Temporarily Unavailable' };
  const global = finals.find((f) => f.status >= 600);
  const chosen = global ?? finals.reduce((best, f) => (Math.floor(f.status / 100) < Math.floor(best.status / 100) ? f : best));
  if (chosen.status === 503) return { status: 500, reason: 'Server Internal Error' };
  if (chosen.status === 401 || chosen.status === 407) return { status: 480, reason: 'Temporarily Unavailable' };
  return chosen;
}

/**
 * Where to send a call for a binding: the registered Contact's user at the
 * address the REGISTER came from, which is what reaches a phone behind NAT.
 */
export function targetUri(b: Binding): string {
  const user = /^sips?:([^@;?>]+)@/i.exec(b.contact)?.[1];
  const host = b.source.address.includes(':') ? `[${b.source.address}]` : b.source.address;
  const transport = b.source.transport === 'udp' ? '' : `;transport=${b.source.transport}`;
  return `sip:${user ? `${user}@` : ''}${host}:${b.source.port}${transport}`;
}
