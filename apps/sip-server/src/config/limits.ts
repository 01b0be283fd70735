/**
 * Defaults of the server's per-source defences, shared by the environment schema and
 * `startSipServer` so the process and in-process servers behave alike. The README's
 * configuration table says where each figure comes from.
 */
export const DEFAULT_LIMITS = {
  /** messages per second one source address may send (token bucket) */
  ratePerSource: 20_000,
  /** bucket size: short bursts above the rate pass */
  rateBurst: 40_000,
  /** inbound TCP connections per source address: a branch office of phones behind one NAT address fits */
  tcpConnectionsPerSource: 128,
  /** a TCP message must complete this long after its first byte */
  tcpMessageTimeoutMs: 5000,
  /** a TCP connection that carries nothing for this long is closed */
  tcpIdleTimeoutMs: 5 * 60_000,
} as const;
