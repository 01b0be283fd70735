/**
 * A registrar that does no work, for the registrar benchmark's BENCH_STUB_REGISTRAR=1: it
 * challenges a REGISTER without credentials and accepts any with them (nothing is verified,
 * nothing is stored), so a run measures what sip-server, drachtio-srf and sipp cost alone.
 */
import Srf = require('drachtio-srf');

// the registrar's own variables, so the bench starts either the same way
const [host, port] = (process.env.DRACHTIO_SERVERS ?? '127.0.0.1:9022').split(':');
const secret = process.env.DRACHTIO_SECRET ?? 'cymru';
const srf = new Srf();
let nonce = 0;

srf.on('error', () => undefined);
srf.connect({ host, port: Number(port), secret });
srf.on('connect', () => process.stdout.write('attached to drachtio server\n'));
srf.use('register', (req, res) => {
  if (!req.has('Authorization')) {
    const challenge = `Digest realm="${req.uri.replace(/^sips?:/, '')}", nonce="stub${++nonce}", algorithm=MD5, qop="auth"`;
    res.send(401, { headers: { 'WWW-Authenticate': challenge } });
    return;
  }
  const contact = req.get('Contact').trim();
  res.send(200, { headers: { Contact: `${contact};expires=3600`, Date: new Date().toUTCString() } });
});
process.on('SIGTERM', () => {
  srf.disconnect();
  process.exit(0);
});
