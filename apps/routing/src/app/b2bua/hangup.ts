import type Srf from 'drachtio-srf';
import type { HangupParty } from '@branchline/contracts';

/**
 * Holds a bridged call until one side hangs up, or until `cutAtMs` (the PBX
 * ends it: SYSTEM), then hangs up whoever is still on the line. Both of
 * routing's B2BUAs (calls to extensions and PSTN calls) end a call this way.
 *
 * A side may have hung up before this is called: a BYE that reaches the app
 * in the same read as the caller's ACK is handled while `createUAS` is still
 * being awaited, and drachtio-srf emits `destroy` once, then drops every
 * listener. Such a dialog is no longer `connected`, and counts as the side
 * that hung up; otherwise the other side would stay up until its own BYE.
 */
export async function untilHangup(caller: Srf.Dialog, callee: Srf.Dialog, cutAtMs: number | null = null): Promise<HangupParty> {
  let cut: NodeJS.Timeout | undefined;
  const by = await new Promise<HangupParty>((done) => {
    if (ended(caller)) return done('CALLER');
    if (ended(callee)) return done('CALLEE');
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

/** drachtio-srf sets a dialog's `connected` false when it ends (its typings leave the property out). */
function ended(dialog: Srf.Dialog): boolean {
  return (dialog as Srf.Dialog & { connected?: boolean }).connected === false;
}
