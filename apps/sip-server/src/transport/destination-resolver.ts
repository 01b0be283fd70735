import { lookup } from 'node:dns/promises';
import * as net from 'node:net';
import type { Dialog } from '../dialogs/dialog-table';
import { parseUri, uriOfNameAddr, type SipMessage } from '../sip/sip-message';
import { defaultPort, type Destination, type TransportLayer, type TransportName } from './transport-layer';

/** The transport a URI asks for: its transport parameter, TLS for sips:, else the dialog's or UDP. */
function transportOf(uri: string, param: unknown, dialog?: Dialog): TransportName {
  const tp = String(param ?? '').toLowerCase();
  if (tp === 'tls' || /^sips:/i.test(uri)) return 'tls';
  if (tp === 'tcp' || tp === 'udp') return tp;
  return dialog?.transport ?? 'udp';
}

/** Where a SIP URI, route or dialog leads to, and whether a URI names us. */
export class DestinationResolver {
  constructor(private readonly transport: TransportLayer) {}

  /** Resolves a SIP URI to a transport destination (RFC 3263 without NAPTR/SRV). */
  async resolve(uri: string, dialog?: Dialog): Promise<Destination | undefined> {
    const u = parseUri(uri);
    if (!u || !u.host) return undefined;
    let host = u.host.startsWith('[') ? u.host.slice(1, -1) : u.host;
    let transport = transportOf(uri, u.params['transport'], dialog);
    // a sips: URI or transport=tls must not fall back to a transport without TLS (RFC 3261 §26.2.2)
    if (transport !== 'tls' && !this.transport.supports(transport)) transport = transport === 'udp' ? 'tcp' : 'udp';
    if (!net.isIP(host)) {
      if (host === 'localhost') host = '127.0.0.1';
      else {
        try {
          host = (await lookup(host)).address;
        } catch {
          return undefined;
        }
      }
    }
    const port = u.port || defaultPort(transport);
    const dest: Destination = { transport, address: host, port };
    if (dialog?.connectionKey && transport === dialog.transport) dest.connectionKey = dialog.connectionKey;
    return dest;
  }

  /** Next hop of an in-dialog request: the first route, else the remote target. */
  resolveDialogTarget(d: Dialog): Promise<Destination | undefined> {
    const first = d.routeSet[0];
    const target = first ? uriOfNameAddr(first) : d.remoteTarget;
    return this.resolve(target ?? '', d);
  }

  isOwnUri(uri: string): boolean {
    const u = parseUri(uri);
    if (!u || !u.host) return false;
    return this.transport.isLocal(u.host, u.port || undefined);
  }

  /** Loose routing (RFC 3261 §16.4): drops a top Route that names us; true when it did. */
  popOwnRoute(req: SipMessage): boolean {
    const routes = req.getAll('route');
    if (!routes.length || !this.isOwnUri(uriOfNameAddr(routes[0]) ?? '')) return false;
    routes.shift();
    if (routes.length) req.set('route', routes);
    else req.remove('route');
    return true;
  }
}
