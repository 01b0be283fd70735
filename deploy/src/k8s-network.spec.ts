import { exampleSecretFile, renderedOverlays } from './k8s-fixtures';
import { appOfImage, containerEnv, matches, ofKind, resolvePort, workloads, type Workload } from './k8s-workloads';
import { buildKustomization, k8sRoot, overlays, readObjects, yamlFilesUnder, type K8sObject } from './manifests';

interface ServicePort { name?: string; port: number; targetPort?: string | number; protocol?: string }
interface ServiceSpec { type?: string; clusterIP?: string; externalTrafficPolicy?: string; selector: Record<string, string>; ports: ServicePort[] }
const serviceSpec = (s: K8sObject): ServiceSpec => s.spec as unknown as ServiceSpec;

// apiVersion per kind as Kubernetes 1.25+ serves them (older beta versions are gone).
const apiVersions: Record<string, string> = {
  ConfigMap: 'v1', Secret: 'v1', Service: 'v1', Deployment: 'apps/v1', StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1', Job: 'batch/v1', PodDisruptionBudget: 'policy/v1', Kustomization: 'kustomize.config.k8s.io/v1beta1',
};

const sipPort = (p: ServicePort): boolean => p.port === 5060;

function drachtioTargets(objects: K8sObject[]): string[] {
  const sipApps = workloads(objects).flatMap((w) => w.spec.template.spec.containers).filter((c) => ['registrar', 'routing'].includes(appOfImage(c.image) ?? ''));
  const lists = new Set(sipApps.map((c) => containerEnv(c, objects)['DRACHTIO_SERVERS']));
  expect(lists.size).toBe(1);
  return [...lists][0]?.split(',') ?? [];
}

/** Every pod name a SIP-server StatefulSet creates, as `<pod>.<headless service>:<port>`. */
function sipServerPods(objects: K8sObject[]): string[] {
  const isSipServer = (w: Workload) => w.spec.template.spec.containers.some((c) => resolvePort(c.ports, 5060, 'UDP'));
  return workloads(objects).filter(isSipServer).flatMap((w) => {
    expect(w.kind).toBe('StatefulSet');
    const headless = ofKind(objects, 'Service').find((s) => s.metadata.name === w.spec.serviceName);
    expect(headless && serviceSpec(headless).clusterIP).toBe('None');
    const admin = serviceSpec(headless as K8sObject).ports[0].port;
    return Array.from({ length: w.spec.replicas ?? 1 }, (_, i) => `${w.metadata.name}-${i}.${w.spec.serviceName}:${admin}`);
  });
}

describe('the Kubernetes files in deploy/k8s', () => {
  it('are all valid YAML, each part of an overlay (or the example Secret)', () => {
    const seen = new Set<string>([exampleSecretFile]);
    for (const dir of overlays) buildKustomization(dir, seen);
    for (const file of yamlFilesUnder(k8sRoot)) {
      expect(readObjects(file).length).toBeGreaterThan(0);
      expect([file, seen.has(file)]).toEqual([file, true]);
    }
  });
});

describe.each(renderedOverlays)('the Kubernetes overlay %s', (_name, objects) => {
  it('uses the current apiVersion of each kind and names every object once', () => {
    for (const o of objects) expect([o.kind, o.apiVersion]).toEqual([o.kind, apiVersions[o.kind]]);
    const names = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('points every Service at pods that open its target ports, with the same protocol', () => {
    for (const service of ofKind(objects, 'Service')) {
      const spec = serviceSpec(service);
      const selected = workloads(objects).filter((w) => matches(spec.selector, w.spec.template.metadata.labels));
      expect(selected).toHaveLength(1);
      const containers = selected[0].spec.template.spec.containers;
      for (const p of spec.ports) {
        expect(containers.some((c) => resolvePort(c.ports, p.targetPort ?? p.port, p.protocol ?? 'TCP'))).toBe(true);
      }
    }
  });

  it('gives phones SIP over UDP and TCP where the servers see their real source addresses', () => {
    const sipServices = ofKind(objects, 'Service').filter((s) => serviceSpec(s).ports.some(sipPort));
    for (const s of sipServices) {
      const spec = serviceSpec(s);
      expect(spec.type).toBe('LoadBalancer');
      expect(spec.externalTrafficPolicy).toBe('Local');
      expect(spec.ports.filter(sipPort).map((p) => p.protocol).sort()).toEqual(['TCP', 'UDP']);
    }
    for (const w of workloads(objects).filter((w) => w.spec.template.spec.hostNetwork)) {
      expect(w.spec.template.spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
    }
    const hostNetworked = workloads(objects).some((w) => w.spec.template.spec.hostNetwork);
    expect(hostNetworked || sipServices.length > 0).toBe(true);
  });

  it('attaches registrar and routing to every SIP server pod, by its stable name', () => {
    expect(drachtioTargets(objects).sort()).toEqual(sipServerPods(objects).sort());
  });
});
