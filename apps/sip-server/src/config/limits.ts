/**
 * Defaults of the server's per-source defences, shared by the environment schema and
 * `startSipServer` so the process and in-process servers behave alike. The README's
 * configuration table says where each figure comes from.
 */
export const DEFAULT_LIMITS = {
  /** messages per second one source address may send (token bucket) */
  ratePerSource: 500,
  /** bucket size: short bursts above the rate pass */
  rateBurst: 1000,
  /**
   * bytes of received messages one source may have waiting to be handled (the server serves
   * sources round-robin, transport/fair-inbound-queue.ts): about what the kernel's 4 MiB receive
   * buffer held before, so one busy source (a trunk, a benchmark's sipp) is not cut short
   */
  queuePerSourceBytes: 2 * 1024 * 1024,
  /** ... and all sources together */
  queueTotalBytes: 16 * 1024 * 1024,
  /** longest stretch of handling before the sockets are read again */
  queueTurnBudgetMs: 1,
  /** while reading is behind, one message is handled every this many loop turns */
  queueBusyTurnsPerMessage: 4,
  /** inbound TCP connections per source address: a branch office of phones behind one NAT address fits */
  tcpConnectionsPerSource: 128,
  /** a TCP message must complete this long after its first byte */
  tcpMessageTimeoutMs: 5000,
  /** a TCP connection that carries nothing for this long is closed */
  tcpIdleTimeoutMs: 5 * 60_000,
} as const;
