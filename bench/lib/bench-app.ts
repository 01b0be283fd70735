/**
 * drachtio-srf app used by the sip-server benchmark, run in its own process so the
 * app and the server do not share an event loop. Mode: uas | proxy | b2bua.
 */
import Srf = require('drachtio-srf');

const mode = process.argv[2] ?? 'uas';
const port = Number(process.env.DRACHTIO_PORT);
const target = process.env.TARGET ?? '';
const SDP = 'v=0\r\no=app 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';

const srf = new Srf();
srf.on('error', () => undefined);
srf.connect({ host: '127.0.0.1', port, secret: 'cymru' });
srf.on('connect', () => process.send?.('ready'));

if (mode === 'uas') {
  srf.invite((req, res) => {
    srf.createUAS(req, res, { localSdp: SDP }).catch(() => undefined);
  });
} else if (mode === 'proxy') {
  srf.invite((req) => {
    srf.proxyRequest(req, [target], { recordRoute: true }, () => undefined);
  });
} else {
  srf.invite((req, res) => {
    srf.createB2BUA(req, res, target, { localSdpB: req.body }).then(
      ({ uas, uac }) => {
        // destroy() returns a promise at runtime; the typings say void
        const hangup = (d: Srf.Dialog) => (d.destroy() as unknown as Promise<void>).catch(() => undefined);
        uas.on('destroy', () => void hangup(uac));
        uac.on('destroy', () => void hangup(uas));
        // A BYE read in the same chunk as the confirmation of our 200 ends the caller's leg
        // before this callback runs, so its 'destroy' had no listener yet; without this the
        // callee's leg would stay up (and its dialog in the server) until the lifetime cap.
        if (!connected(uas)) void hangup(uac);
        else if (!connected(uac)) void hangup(uas);
      },
      () => undefined,
    );
  });
}

/** drachtio-srf sets `connected` (untyped) false once a dialog has ended. */
function connected(d: Srf.Dialog): boolean {
  return (d as unknown as { connected: boolean }).connected;
}

process.on('message', (m) => {
  if (m === 'stop') {
    srf.disconnect();
    process.exit(0);
  }
});
