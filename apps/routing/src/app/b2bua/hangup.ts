import type Srf from 'drachtio-srf';
import type { HangupParty } from '@branchline/contracts';

/**
 * Holds a bridged call until one side hangs up, or until `cutAtMs` (the PBX
 * ends it: SYSTEM), then hangs up whoever is still on the line. Both of
 * routing's B2BUAs (calls to extensions and PSTN calls) end a call this way.
 */
export async function untilHangup(caller: Srf.Dialog, callee: Srf.Dialog, cutAtMs: number | null = null): Promise<HangupParty> {
  let cut: NodeJS.Timeout | undefined;
  const by = await new Promise<HangupParty>((done) => {
    caller.on('destroy', () => done('CALLER'));
    callee.on('destroy', () => done('CALLEE'));
    if (cutAtMs !== null) cut = setTimeout(() => done('SYSTEM'), Math.max(0, cutAtMs - Date.now()));
  });
  clearTimeout(cut);
  // The side that sent the BYE is gone already; when the PBX ends the call, both go.
  if (by !== 'CALLER') caller.destroy();
  if (by !== 'CALLEE') callee.destroy();
  return by;
}
