import { basename, join } from 'node:path';
import { buildKustomization, k8sRoot, overlays, readObjects, type K8sObject } from './manifests';

/** The Secret an operator creates before applying an overlay (deploy/k8s/base/secret.example.yaml). */
export const exampleSecretFile = join(k8sRoot, 'base/secret.example.yaml');

/** Each overlay as a cluster would hold it: what it renders, plus the Secret created beforehand. */
export const renderedOverlays: [string, K8sObject[]][] = overlays.map((dir) => [
  basename(dir),
  [...buildKustomization(dir), ...readObjects(exampleSecretFile)],
]);
