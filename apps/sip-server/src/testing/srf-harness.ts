import Srf = require('drachtio-srf');

/** Connects a drachtio-srf instance to the server and resolves once authenticated. */
export function connectSrf(port: number, secret = 'cymru', tags?: string[]): Promise<Srf> {
  const srf = tags ? new Srf(tags) : new Srf();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('srf connect timeout')), 5000);
    srf.on('connect', (err: unknown) => {
      clearTimeout(timer);
      if (err) {
        // stop drachtio-srf's automatic reconnect loop before reporting the failure
        disconnectSrf(srf);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
      else resolve(srf);
    });
    srf.on('error', () => undefined);
    srf.connect({ host: '127.0.0.1', port, secret });
  });
}

export function disconnectSrf(srf: Srf): void {
  try {
    srf.disconnect();
  } catch {
    // already closed
  }
}

export const SDP = [
  'v=0',
  'o=app 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 40000 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
  'a=sendrecv',
  '',
].join('\r\n');

export interface InDialogResult {
  status: number;
  get(name: string): string;
}

/** dialog.request with the option shape drachtio-srf accepts (its typings are narrower). */
export function dialogRequest(
  dlg: Srf.Dialog,
  opts: { method: string; headers?: Record<string, string>; body?: string },
): Promise<InDialogResult> {
  const fn = dlg.request as unknown as (o: object) => Promise<InDialogResult>;
  return fn.call(dlg, opts);
}

export type SrfHandler = (req: Srf.SrfRequest, res: Srf.SrfResponse) => void;

/** Registers a handler for a method drachtio-srf supports but its typings omit. */
export function onMethod(srf: Srf, method: 'options' | 'register' | 'message' | 'subscribe', handler: SrfHandler): void {
  const verbs = srf as unknown as Record<string, (h: SrfHandler) => void>;
  verbs[method].call(srf, handler);
}
