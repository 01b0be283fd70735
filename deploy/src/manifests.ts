import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadAll } from 'js-yaml';

export const repoRoot = resolve(__dirname, '../..');
export const k8sRoot = join(repoRoot, 'deploy/k8s');

/** The parts of a Kubernetes object these checks read; the rest stays `unknown`. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  resources?: string[];
  /** the file it came from, relative to the repository */
  source: string;
}

export function readYaml(file: string): unknown[] {
  return loadAll(readFileSync(file, 'utf8')).filter((d) => d !== null && d !== undefined);
}

export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

export function readObjects(file: string): K8sObject[] {
  return readYaml(file).map((doc) => ({ ...(doc as Omit<K8sObject, 'source'>), source: relative(repoRoot, file) }));
}

/**
 * The objects a kustomization directory renders, by following its `resources` (files and
 * directories) as `kubectl kustomize` does; patches and generators are not used here.
 * The files it read are added to `seen`.
 */
export function buildKustomization(dir: string, seen = new Set<string>()): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new Error(`${relative(repoRoot, dir)} has no kustomization.yaml`);
  seen.add(file);
  const [kustomization] = readObjects(file);
  return (kustomization.resources ?? []).flatMap((entry) => {
    const path = resolve(dir, entry);
    if (!existsSync(path)) throw new Error(`${relative(repoRoot, file)} lists ${entry}, which does not exist`);
    if (statSync(path).isDirectory()) return buildKustomization(path, seen);
    seen.add(path);
    return readObjects(path);
  });
}

/** The overlays a cluster is deployed from: every kustomization directory that is not only a base. */
export const overlays = ['drachtio', 'embedded'].map((name) => join(k8sRoot, name));

