import type { Env } from './app-configs';
import type { K8sObject } from './manifests';

export interface ContainerPort { name?: string; containerPort: number; protocol?: string }
export interface Probe { httpGet?: { path: string; port: string | number }; tcpSocket?: { port: string | number } }
type ValueFrom = {
  configMapKeyRef?: { name: string; key: string };
  secretKeyRef?: { name: string; key: string };
  fieldRef?: { fieldPath: string };
};
export interface Container {
  name: string;
  image: string;
  env?: { name: string; value?: string; valueFrom?: ValueFrom }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: ContainerPort[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
export interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  hostNetwork?: boolean;
  dnsPolicy?: string;
}
export interface Workload extends K8sObject {
  spec: {
    replicas?: number;
    serviceName?: string;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
  };
}

export const workloadKinds = ['Deployment', 'StatefulSet', 'DaemonSet'];
export const workloads = (objects: K8sObject[]): Workload[] =>
  objects.filter((o): o is Workload => workloadKinds.includes(o.kind));

export const ofKind = (objects: K8sObject[], kind: string): K8sObject[] => objects.filter((o) => o.kind === kind);

/** The Branchline app an image is built for (branchline/<app>:tag), or undefined for other images. */
export const appOfImage = (image: string): string | undefined => /^branchline\/([\w-]+):/.exec(image)?.[1];

export const matches = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** The values a ConfigMap or (example) Secret holds, by name. */
function keyValues(objects: K8sObject[], kind: string, name: string): Record<string, string> {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`${kind} ${name} is referenced but not part of the deployment`);
  return { ...found.data, ...found.stringData };
}

// What the downward API would give a pod; the value only needs to look real.
const fieldValues: Record<string, string> = { 'metadata.name': 'pod-0', 'status.podIP': '10.0.0.10', 'status.hostIP': '10.0.0.1' };

/** The environment a container starts with, resolved from its ConfigMaps and Secrets. */
export function containerEnv(container: Container, objects: K8sObject[]): Env {
  const env: Env = {};
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef) Object.assign(env, keyValues(objects, 'ConfigMap', from.configMapRef.name));
    if (from.secretRef) Object.assign(env, keyValues(objects, 'Secret', from.secretRef.name));
  }
  for (const { name, value, valueFrom } of container.env ?? []) {
    if (value !== undefined) env[name] = value;
    else if (valueFrom?.configMapKeyRef) env[name] = keyValues(objects, 'ConfigMap', valueFrom.configMapKeyRef.name)[valueFrom.configMapKeyRef.key];
    else if (valueFrom?.secretKeyRef) env[name] = keyValues(objects, 'Secret', valueFrom.secretKeyRef.name)[valueFrom.secretKeyRef.key];
    else if (valueFrom?.fieldRef) env[name] = fieldValues[valueFrom.fieldRef.fieldPath];
  }
  return env;
}

/** The container port a probe or Service targets, by name or number. */
export const resolvePort = (ports: ContainerPort[] | undefined, target: string | number, protocol = 'TCP'): ContainerPort | undefined =>
  (ports ?? []).find((p) => (p.name === target || p.containerPort === target) && (p.protocol ?? 'TCP') === protocol);
