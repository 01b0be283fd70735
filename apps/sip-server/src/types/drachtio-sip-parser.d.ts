// drachtio-srf ships its SIP parser as plain JS without typings; these declare
// only the parts the server uses.
declare module 'drachtio-srf/lib/sip-parser/parser' {
  export interface ParsedSipMessage {
    method?: string;
    uri?: string;
    version?: string;
    status?: number;
    reason?: string;
    headers: Record<string, string>;
    body?: string;
  }
  export interface ParsedUri {
    family?: 'ipv4' | 'ipv6';
    scheme: string;
    user?: string;
    password?: string;
    host?: string;
    port?: number;
    number?: string;
    params: Record<string, string | null | undefined>;
    headers?: Record<string, string>;
  }
  export interface ParsedAor {
    name?: string;
    uri: string;
    params: Record<string, string | undefined>;
  }
  export function parseSipMessage(s: string, lazy: boolean): ParsedSipMessage | undefined;
  export function parseUri(s: string): ParsedUri | undefined;
  export function getParser(hdr: string): (d: { s: string; i: number }) => unknown;
  export function getHeaderName(hdr: string): string;
}
