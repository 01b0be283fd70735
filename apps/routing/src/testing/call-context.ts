import type { CallContext } from '../app/invite/call-context';

/** An internal call's context as routing stores it, for specs that need one without placing a call. */
export function internalCallContext(callId: string, tenantId: string, over: Partial<CallContext> = {}): CallContext {
  return {
    callId,
    tenantId,
    currency: 'EUR',
    direction: 'INTERNAL',
    callerNumber: '1000',
    callerName: null,
    callerExtensionId: null,
    siteId: null,
    costCentre: null,
    dialedNumber: '2000',
    calleeExtensionId: null,
    sourceIp: '127.0.0.1',
    userAgent: null,
    startedAtMs: Date.now() - 5000,
    ...over,
  };
}
