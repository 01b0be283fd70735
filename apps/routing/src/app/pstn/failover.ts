/**
 * A gateway's final answer that means "try the next gateway": it timed out,
 * failed (5xx), refused our credentials (401/407 after we answered the
 * challenge), or gave a global failure that is not the callee's own answer.
 * The callee's 486, 404, 600, 603 and 604 are final and go back to the caller.
 */
export function isGatewayFailure(status: number): boolean {
  if (status === 408 || status === 401 || status === 407) return true;
  if (status >= 500 && status < 600) return true;
  return status >= 600 && ![600, 603, 604].includes(status);
}
