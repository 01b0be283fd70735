import type { Socket } from 'node:net';

const coalescing = new WeakSet<Socket>();

/**
 * Makes every write to `socket` within one tick leave as a single system call.
 *
 * One Redis reply releases many REGISTERs at once, and drachtio-srf writes each
 * response to the drachtio server on its own. On loopback every write costs the
 * writer the whole TCP path of both ends, so under load those writes were the
 * registrar's largest single cost. The socket is corked at the first write of a
 * tick and uncorked once the tick's microtasks have run, so the responses go out
 * together (writev) with no added delay. Idempotent per socket.
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
