/**
 * Replaces `process.env` with a plain copy of itself, read once.
 *
 * Every read of the real `process.env` is a call into C++ (getenv), even for a
 * variable that is not set. drachtio-srf's SIP parser reads
 * `process.env.DRACHTIO_PRESERVE_HEADER_NAMES` for every header line it parses,
 * which under load cost a SIP process about 5% of its CPU. Called first thing by
 * the SIP processes' main(); such a process never changes its environment
 * afterwards (a change to the copy would still reach the child processes it
 * spawns, but no longer native code that calls getenv).
 */
export function usePlainProcessEnv(): void {
  if (Object.getPrototypeOf(process.env) === Object.prototype) return;
  process.env = { ...process.env };
}
