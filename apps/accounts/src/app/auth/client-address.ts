import { isIPv4, isIPv6 } from 'node:net';

/**
 * What the login throttle counts a client address as. An IPv4-mapped IPv6
 * address is its IPv4 address. An IPv6 client counts by its /64: one
 * subscriber or host usually holds a whole /64, so counting single addresses
 * would give it 2^64 fresh counters.
 */
export function clientAddressKey(ip: string | undefined): string {
  const address = (ip ?? '').trim().replace(/%.*$/, '');
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail] = address.split('::');
  const groups = (s: string | undefined) => (s ? s.split(':') : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
