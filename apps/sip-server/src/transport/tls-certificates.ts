import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';

/** PEM files of one certificate: the leaf, its key and (optionally) the intermediates. */
export interface CertificateFiles {
  certFile: string;
  keyFile: string;
  chainFile?: string;
}

/** A certificate served to clients that ask (SNI) for one of the tenant SIP domains. */
export interface SniCertificate extends CertificateFiles {
  /** a host name (`acme.test`) or a wildcard one level deep (`*.acme.test`) */
  servername: string;
}

export interface TlsSettings {
  /** served when a client sends no SNI or one no entry of `sni` matches */
  default: CertificateFiles;
  sni: SniCertificate[];
  /** a connection whose handshake has not completed this long after it was accepted is closed */
  handshakeTimeoutMs: number;
}

function readPems(files: CertificateFiles): tls.SecureContextOptions {
  const cert = readFileSync(files.certFile, 'utf8');
  const chain = files.chainFile ? readFileSync(files.chainFile, 'utf8') : '';
  return { cert: chain ? `${cert.trimEnd()}\n${chain}` : cert, key: readFileSync(files.keyFile, 'utf8') };
}

/**
 * The server's certificates, read from their files: the default one and one per tenant
 * domain, picked by the SNI name a client sends. `reload()` (on SIGHUP) reads every file
 * again; only handshakes that start after it see the new certificates, connections already
 * up keep theirs.
 */
export class TlsCertificates {
  private defaultOptions: tls.SecureContextOptions;
  private byName = new Map<string, tls.SecureContext>();

  constructor(private readonly settings: TlsSettings) {
    this.defaultOptions = readPems(settings.default);
    this.byName = this.readSni();
  }

  /** Re-reads every file; throws (keeping the certificates in use) when one cannot be read or parsed. */
  reload(): tls.SecureContextOptions {
    const defaults = readPems(this.settings.default);
    tls.createSecureContext(defaults);
    const byName = this.readSni();
    this.defaultOptions = defaults;
    this.byName = byName;
    return defaults;
  }

  /** Options for `tls.createServer` / `server.setSecureContext`. */
  serverOptions(): tls.TlsOptions {
    return {
      ...this.defaultOptions,
      handshakeTimeout: this.settings.handshakeTimeoutMs,
      SNICallback: (servername, cb) => cb(null, this.contextFor(servername)),
    };
  }

  /** The SNI entry for `servername`, exact name first, then a wildcard; undefined: the default. */
  contextFor(servername: string): tls.SecureContext | undefined {
    const name = servername.toLowerCase();
    const dot = name.indexOf('.');
    return this.byName.get(name) ?? (dot > 0 ? this.byName.get(`*${name.slice(dot)}`) : undefined);
  }

  private readSni(): Map<string, tls.SecureContext> {
    const out = new Map<string, tls.SecureContext>();
    for (const entry of this.settings.sni) {
      out.set(entry.servername.toLowerCase(), tls.createSecureContext(readPems(entry)));
    }
    return out;
  }
}
