import { Socket } from 'node:net';
import type Srf from 'drachtio-srf';

const coalescing = new WeakSet<Socket>();

/**
 * Makes every write to `socket` within one tick leave as a single system call.
 *
 * One Redis reply releases many REGISTERs at once, and each of their answers
 * is written on its own. On loopback every write costs the writer the whole
 * TCP path of both ends, so under load those writes were the registrar's
 * largest single cost. The socket is corked at the first write of a tick and
 * uncorked once the tick's microtasks have run, so the writes go out together
 * (writev) with no added delay. Idempotent per socket.
 */
export function coalesceWrites(socket: Socket): void {
  if (coalescing.has(socket)) return;
  coalescing.add(socket);
  const write = socket.write;
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  socket.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
    if (!corked && !socket.destroyed) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return write.apply(this, args);
  } as Socket['write'];
}

/**
 * Coalesces the writes of the drachtio connection `req` came on, which is
 * where drachtio-srf writes its responses. The only code in Branchline that
 * relies on a drachtio-srf internal: the connection as `req.socket` (not in
 * its typings; its `srf.request(socket, ...)` takes it). Returns false, and
 * changes nothing, when the request carries no socket, so a drachtio-srf that
 * stops exposing it costs only the saving; `write-coalescing.int-spec.ts`
 * fails then, and also when responses stop going through that socket's write.
 */
export function coalesceResponseWrites(req: Srf.SrfRequest): boolean {
  const socket = (req as unknown as { socket?: unknown }).socket;
  if (!(socket instanceof Socket)) return false;
  coalesceWrites(socket);
  return true;
}
