import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appContracts, configuredPort, drainSeconds, listensOnAllInterfaces, readyProbePath } from './app-configs';
import { durationSeconds, interpolate, readCompose, readDotEnv, type ComposeService } from './compose-file';
import { repoRoot } from './manifests';

const services = readCompose();
const oneShot = ['migrate', 'seed'];
const appOf = (s: ComposeService): string | undefined => s.build?.args?.['APP'];
const running = Object.entries(services).filter(([name]) => !oneShot.includes(name));
const appServices = running.filter(([, s]) => appOf(s) !== undefined);
const sipApps = ['registrar', 'routing'];
const option = (command: string[] | undefined, name: string): string | undefined =>
  command?.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

describe('docker-compose.yml', () => {
  it('refuses to start without the secrets of .env (no built-in development secrets)', () => {
    const { JWT_SECRET: _jwt, ...withoutJwt } = readDotEnv();
    expect(() => readCompose(withoutJwt)).toThrow(/JWT_SECRET is required/);
    expect(() => interpolate('${NOT_IN_ENV}', {})).toThrow(/NOT_IN_ENV/);
  });

  it('runs the whole suite: Postgres, Redis, migrations, accounts, registrar, routing and a SIP server', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'migrate', 'seed', 'accounts', 'registrar', 'routing', 'drachtio', 'sip-server']),
    );
  });

  it('builds every Branchline service from the one Dockerfile, for an app that exists', () => {
    for (const s of Object.values(services).filter((s) => s.build)) {
      expect(s.build).toEqual(expect.objectContaining({ context: '.' }));
      expect(s.build?.dockerfile).toBeUndefined();
      expect(existsSync(join(repoRoot, 'apps', appOf(s) ?? '-', 'project.json'))).toBe(true);
    }
  });

  it('migrates once Postgres is healthy, before any app starts; the demo seed is optional', () => {
    expect(services['migrate'].depends_on?.['postgres']?.condition).toBe('service_healthy');
    expect(services['migrate'].command).toEqual(['npx', 'prisma', 'migrate', 'deploy']);
    for (const [, s] of appServices.filter(([name]) => name !== 'sip-server')) {
      expect(s.depends_on?.['migrate']?.condition).toBe('service_completed_successfully');
    }
    expect(services['seed'].profiles).toEqual(['demo']);
    // the seed runs from sources (prisma/seed.ts), which only the build stage keeps
    expect(services['seed'].build?.target).toBe('build');
    for (const name of oneShot) expect(services[name].restart).toBe('no');
  });

  it('restarts and health-checks every long-running service', () => {
    for (const [, s] of running) {
      expect(s.restart).toBe('unless-stopped');
      expect(s.healthcheck?.test.length).toBeGreaterThan(1);
    }
  });

  it('gives every app an environment its own config schema accepts, and health-checks its ready path', () => {
    for (const [name, s] of appServices) {
      const app = appOf(s) as string;
      const env = s.environment ?? {};
      expect(() => appContracts[app].loadConfig(env)).not.toThrow();
      expect(listensOnAllInterfaces(app, env)).toBe(true);
      const port = configuredPort(app, env);
      if (port !== undefined) expect([name, s.healthcheck?.test.join(' ')]).toEqual([name, expect.stringContaining(`127.0.0.1:${port}${readyProbePath}`)]);
    }
  });

  it('stops a draining service only after its drain (stop_grace_period ≥ drain + 5 s)', () => {
    for (const [, s] of appServices) {
      const drain = drainSeconds(appOf(s) as string, s.environment ?? {});
      if (drain > 0) expect(durationSeconds(s.stop_grace_period)).toBeGreaterThanOrEqual(drain + 5);
    }
  });
});

describe('the SIP server of docker-compose.yml', () => {
  const drachtio = services['drachtio'];
  const embedded = services['sip-server'];

  it('is drachtio-server (profile drachtio) or the embedded sip-server (profile embedded), never both', () => {
    expect(drachtio.profiles).toEqual(['drachtio']);
    expect(embedded.profiles).toEqual(['embedded']);
    expect(['drachtio', 'embedded']).toContain(readDotEnv()['COMPOSE_PROFILES']?.split(',')[0]);
    for (const name of sipApps) {
      expect(services[name].depends_on?.['drachtio']?.required).toBe(false);
      expect(services[name].depends_on?.['sip-server']?.required).toBe(false);
    }
  });

  it('answers on the address and secret the SIP apps attach with', () => {
    for (const name of sipApps) {
      const env = services[name].environment ?? {};
      const [host, port] = (env['DRACHTIO_SERVERS'] ?? '').split(':');
      for (const server of [drachtio, embedded]) expect(server.networks?.['default']?.aliases).toContain(host);
      expect(option(drachtio.command, 'port')).toBe(port);
      expect(option(drachtio.command, 'address')).toBe('0.0.0.0');
      expect(option(drachtio.command, 'secret')).toBe(env['DRACHTIO_SECRET']);
      expect(embedded.environment).toEqual(expect.objectContaining({ DRACHTIO_HOST: '0.0.0.0', DRACHTIO_PORT: port, DRACHTIO_SECRET: env['DRACHTIO_SECRET'] }));
    }
  });

  it('takes SIP over UDP and TCP on port 5060, advertising the external address', () => {
    for (const server of [drachtio, embedded]) expect(server.ports).toEqual(['5060:5060/udp', '5060:5060/tcp']);
    expect(option(drachtio.command, 'contact')).toBe('sip:*:5060;transport=udp,tcp');
    expect(option(drachtio.command, 'external-ip')).toBe(readDotEnv()['SIP_EXTERNAL_IP']);
    expect(embedded.environment?.['SIP_ADVERTISED_ADDRESS']).toBe(readDotEnv()['SIP_EXTERNAL_IP']);
  });
});
