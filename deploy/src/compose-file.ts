import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import type { Env } from './app-configs';
import { repoRoot } from './manifests';

export interface ComposeService {
  image?: string;
  build?: { context: string; target?: string; args?: Record<string, string>; dockerfile?: string };
  command?: string[];
  environment?: Env;
  profiles?: string[];
  restart?: string;
  stop_grace_period?: string;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  networks?: Record<string, { aliases?: string[] }>;
  ports?: string[];
}

/** The variables of `.env.example`, as compose reads a `.env` file. */
export function readDotEnv(file = join(repoRoot, '.env.example')): Env {
  const env: Env = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  return env;
}

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}. */
export function interpolate(text: string, env: Env): string {
  return text.replace(/\$\{([A-Z][A-Z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (_m, name: string, colon: string, op: string, arg: string) => {
    const value = env[name];
    const unset = value === undefined || (colon === ':' && value === '');
    if (!unset) return value as string;
    if (op === '?') throw new Error(`${name} is required: ${arg}`);
    if (op === '-') return arg;
    throw new Error(`${name} is used without a default and is not in .env.example`);
  });
}

/** docker-compose.yml as compose would run it with the given .env (merge keys resolved). */
export function readCompose(env: Env = readDotEnv()): Record<string, ComposeService> {
  const text = interpolate(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), env);
  // compose resolves `<<` merge keys (the x- fragments); YAML 1.2's core schema does not by itself
  return (load(text, { schema: CORE_SCHEMA.withTags(mergeTag) }) as { services: Record<string, ComposeService> }).services;
}

/** Compose durations such as 35s or 1m30s, in seconds. */
export function durationSeconds(value = '10s'): number {
  const m = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (!m || value === '') throw new Error(`unreadable duration ${value}`);
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}
