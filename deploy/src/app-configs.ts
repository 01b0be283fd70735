import { loadAccountsConfig } from '../../apps/accounts/src/app/accounts.config';
import { loadRegistrarConfig } from '../../apps/registrar/src/app/registrar.config';
import { loadRoutingConfig } from '../../apps/routing/src/app/routing.config';
import { loadConfig as loadSipServerConfig } from '../../apps/sip-server/src/config/sip-server.config';

export type Env = Record<string, string | undefined>;

/** What the deployment files must give each Branchline service, and what it serves. */
export interface AppContract {
  /** validates an environment exactly as the app does at start (throws naming the variable) */
  loadConfig(env: Env): unknown;
  /** the variable holding the HTTP port of the probes, or none (probe a TCP port instead) */
  probePortVar?: 'PORT' | 'METRICS_PORT';
  /** the variable holding that listener's bind address (loopback by default: the kubelet could not reach it) */
  probeHostVar?: 'HOST' | 'METRICS_HOST';
  /** the variable bounding the SIGTERM drain, and its default */
  drainVar?: string;
}

export const liveProbePath = '/health/live';
export const readyProbePath = '/health/ready';

// The images run with NODE_ENV=production (Dockerfile), which sip-server's config checks.
const asInImage = (env: Env): Env => ({ NODE_ENV: 'production', ...env });

export const appContracts: Record<string, AppContract> = {
  accounts: { loadConfig: (env) => loadAccountsConfig(asInImage(env)), probePortVar: 'PORT', probeHostVar: 'HOST' },
  registrar: { loadConfig: (env) => loadRegistrarConfig(asInImage(env)), probePortVar: 'METRICS_PORT', probeHostVar: 'METRICS_HOST' },
  routing: {
    loadConfig: (env) => loadRoutingConfig(asInImage(env)),
    probePortVar: 'METRICS_PORT',
    probeHostVar: 'METRICS_HOST',
    drainVar: 'ROUTING_DRAIN_TIMEOUT_SECONDS',
  },
  'sip-server': {
    loadConfig: (env) => loadSipServerConfig(asInImage(env)),
    drainVar: 'SIP_DRAIN_TIMEOUT_SECONDS',
  },
};

/** The port of an app's HTTP (accounts) or ops listener, as its config reads the environment. */
export function configuredPort(app: string, env: Env): number | undefined {
  const contract = appContracts[app];
  if (!contract.probePortVar) return undefined;
  return (contract.loadConfig(env) as Record<string, number>)[contract.probePortVar];
}

/** Whether the probed listener binds every interface, as its config reads the environment. */
export function listensOnAllInterfaces(app: string, env: Env): boolean {
  const { probeHostVar, loadConfig } = appContracts[app];
  if (!probeHostVar) return true;
  return ['0.0.0.0', '::'].includes((loadConfig(env) as Record<string, string>)[probeHostVar]);
}

/** The drain an app's SIGTERM waits for, as its config reads the environment (0: it does not drain). */
export function drainSeconds(app: string, env: Env): number {
  const { drainVar, loadConfig } = appContracts[app];
  if (!drainVar) return 0;
  return (loadConfig(env) as Record<string, number>)[drainVar];
}
