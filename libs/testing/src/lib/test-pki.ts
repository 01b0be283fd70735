import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM files of a certificate made for a test, and its key. */
export interface TestCertificate {
  certFile: string;
  keyFile: string;
}

/**
 * A certificate authority made with the openssl CLI in a temporary directory, and server
 * certificates it signs. EC P-256 keys: a few milliseconds each.
 */
export class TestPki {
  readonly dir = mkdtempSync(join(tmpdir(), 'sip-tls-'));
  readonly caFile: string;
  private readonly caKey: string;
  private serial = 0;

  constructor(caName = 'Branchline Test CA') {
    this.caFile = join(this.dir, `${slug(caName)}.pem`);
    this.caKey = join(this.dir, `${slug(caName)}.key`);
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', this.caKey, '-out', this.caFile, '-days', '2', '-subj', `/CN=${caName}`]);
  }

  /**
   * A server certificate for `hosts` (DNS names, or IP addresses) signed by this CA, valid
   * from now for `days`; a negative `days` makes one that has already expired.
   */
  issue(name: string, hosts: string[], days = 2): TestCertificate {
    const base = join(this.dir, `${slug(name)}-${++this.serial}`);
    const csr = `${base}.csr`;
    const ext = `${base}.ext`;
    const cert = { certFile: `${base}.pem`, keyFile: `${base}.key` };
    const san = hosts.map((h) => (/^[\d.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
    writeFileSync(ext, `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`);
    openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', cert.keyFile, '-out', csr, '-subj', `/CN=${name}`]);
    openssl(['x509', '-req', '-in', csr, '-CA', this.caFile, '-CAkey', this.caKey, '-set_serial', String(Date.now() + this.serial), '-days', String(days), '-extfile', ext, '-out', cert.certFile]);
    return cert;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9.-]+/g, '-');
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}
