import { appContracts, configuredPort, drainSeconds, listensOnAllInterfaces, liveProbePath, readyProbePath } from './app-configs';
import { renderedOverlays } from './k8s-fixtures';
import { appOfImage, containerEnv, ofKind, resolvePort, workloads, matches, type Container, type Probe } from './k8s-workloads';
import type { K8sObject } from './manifests';

interface ContainerCase { workload: string; container: Container; app: string | undefined; objects: K8sObject[] }

function containerCases(objects: K8sObject[]): ContainerCase[] {
  return workloads(objects).flatMap((w) =>
    w.spec.template.spec.containers.map((container) => ({ workload: w.metadata.name, container, app: appOfImage(container.image), objects })),
  );
}

function expectProbe(probe: Probe | undefined, container: Container, path: string, port: number | undefined): void {
  expect(probe).toBeDefined();
  if (port === undefined) {
    // no HTTP listener (sip-server, drachtio-server): a TCP check on a port the container opens
    expect(resolvePort(container.ports, probe?.tcpSocket?.port ?? -1)).toBeDefined();
    return;
  }
  expect(probe?.httpGet?.path).toBe(path);
  expect(resolvePort(container.ports, probe?.httpGet?.port ?? -1)?.containerPort).toBe(port);
}

describe.each(renderedOverlays)('the Kubernetes overlay %s', (_name, objects) => {
  const cases = containerCases(objects);
  const appCases = cases.filter((c) => c.app !== undefined);

  it('runs every Branchline service: accounts, registrar, routing and a SIP server', () => {
    const apps = new Set(appCases.map((c) => c.app));
    expect([...apps]).toEqual(expect.arrayContaining(['accounts', 'registrar', 'routing']));
    expect(apps.has('sip-server') || cases.some((c) => c.container.image.startsWith('drachtio/drachtio-server:'))).toBe(true);
  });

  it('gives every app container an environment its own config schema accepts', () => {
    for (const { app, container, objects: all } of appCases) {
      expect(appContracts[app as string]).toBeDefined();
      expect(() => appContracts[app as string].loadConfig(containerEnv(container, all))).not.toThrow();
    }
  });

  it('probes readiness and liveness on the paths and ports the apps serve', () => {
    for (const { app, container } of cases) {
      const env = containerEnv(container, objects);
      const port = app ? configuredPort(app, env) : undefined;
      if (app) expect(listensOnAllInterfaces(app, env)).toBe(true);
      expectProbe(container.readinessProbe, container, readyProbePath, port);
      expectProbe(container.livenessProbe, container, liveProbePath, port);
    }
  });

  it('lets a SIGTERM drain run to its end before the pod is killed (grace ≥ drain + 5 s)', () => {
    for (const w of workloads(objects)) {
      const grace = w.spec.template.spec.terminationGracePeriodSeconds ?? 30;
      for (const container of w.spec.template.spec.containers) {
        const app = appOfImage(container.image);
        if (app) expect(grace).toBeGreaterThanOrEqual(drainSeconds(app, containerEnv(container, objects)) + 5);
      }
    }
  });

  it('sets CPU and memory requests and a memory limit on every container, the migration Job included', () => {
    const jobContainers = ofKind(objects, 'Job').flatMap((j) => ((j.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers));
    for (const container of [...cases.map((c) => c.container), ...jobContainers]) {
      expect(container.resources?.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
      expect(container.resources?.limits?.['memory']).toEqual(expect.any(String));
    }
  });

  it('selects its own pods in every workload and guards each with a PodDisruptionBudget', () => {
    const budgets = ofKind(objects, 'PodDisruptionBudget').map((p) => (p.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels);
    for (const w of workloads(objects)) {
      const labels = w.spec.template.metadata.labels;
      expect(matches(w.spec.selector.matchLabels, labels)).toBe(true);
      expect(budgets.filter((b) => matches(b, labels))).toHaveLength(1);
    }
  });

  it('runs the migrations as a one-shot Job with the database secret', () => {
    const [job, ...others] = ofKind(objects, 'Job');
    expect(others).toHaveLength(0);
    const pod = (job.spec as { template: { spec: { restartPolicy: string; containers: Container[] } } }).template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers[0].image).toMatch(/^branchline\/accounts:/);
    expect(pod.containers[0]).toEqual(expect.objectContaining({ command: ['npx', 'prisma', 'migrate', 'deploy'] }));
    expect(containerEnv(pod.containers[0], objects)['DATABASE_URL']).toMatch(/^postgres(ql)?:\/\//);
  });
});
