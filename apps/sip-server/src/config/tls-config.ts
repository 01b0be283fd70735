import { z } from 'zod';
import type { SniCertificate, TlsSettings } from '../transport/tls-certificates';

const sniEntry = /^(\*\.)?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)=([^:=,]+):([^:=,]+)(?::([^:=,]+))?$/;

/** `SIP_TLS_SNI`: `domain=cert.pem:key.pem[:chain.pem],...`; a domain may be `*.example.com`. */
export function parseSni(value: string, ctx: z.RefinementCtx): SniCertificate[] {
  const out: SniCertificate[] = [];
  for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = sniEntry.exec(part);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: `invalid entry '${part}' (expected domain=certfile:keyfile[:chainfile])` });
      return z.NEVER;
    }
    out.push({ servername: `${m[1] ?? ''}${m[2]}`, certFile: m[3], keyFile: m[4], ...(m[5] ? { chainFile: m[5] } : {}) });
  }
  return out;
}

export const tlsEnvSchema = {
  SIP_TLS_CERT_FILE: z.string().min(1).optional(),
  SIP_TLS_KEY_FILE: z.string().min(1).optional(),
  SIP_TLS_CHAIN_FILE: z.string().min(1).optional(),
  SIP_TLS_SNI: z.string().default('').transform(parseSni),
  SIP_TLS_HANDSHAKE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
};

interface TlsEnv {
  SIP_LISTEN: { transport: string }[];
  SIP_TLS_CERT_FILE?: string;
  SIP_TLS_KEY_FILE?: string;
  SIP_TLS_CHAIN_FILE?: string;
  SIP_TLS_SNI: SniCertificate[];
  SIP_TLS_HANDSHAKE_TIMEOUT_MS: number;
}

/** A tls listen address needs the default certificate and its key. */
export function checkTlsEnv(env: TlsEnv, ctx: z.RefinementCtx): void {
  if (!env.SIP_LISTEN.some((l) => l.transport === 'tls')) return;
  for (const name of ['SIP_TLS_CERT_FILE', 'SIP_TLS_KEY_FILE'] as const) {
    if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'required when SIP_LISTEN has a tls address' });
  }
}

/** The transport's TLS settings, or undefined when nothing listens on TLS. */
export function tlsSettingsOf(env: TlsEnv): TlsSettings | undefined {
  if (!env.SIP_TLS_CERT_FILE || !env.SIP_TLS_KEY_FILE) return undefined;
  return {
    default: { certFile: env.SIP_TLS_CERT_FILE, keyFile: env.SIP_TLS_KEY_FILE, chainFile: env.SIP_TLS_CHAIN_FILE },
    sni: env.SIP_TLS_SNI,
    handshakeTimeoutMs: env.SIP_TLS_HANDSHAKE_TIMEOUT_MS,
  };
}
