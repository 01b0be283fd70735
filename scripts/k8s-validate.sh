#!/usr/bin/env bash
# Renders every Kubernetes overlay in deploy/k8s with kubectl's built-in kustomize, offline: a resource
# that does not exist, a YAML error or a duplicate object fails it. (kubectl apply --dry-run=client needs
# an API server even with --validate=false, so it cannot run here.) The structural checks are jest's
# (deploy/src). Skips, saying so, where kubectl is not installed.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v kubectl >/dev/null; then
  echo "k8s-validate: skipped: kubectl is not installed (apt-get install -y kubectl)"
  exit 0
fi
for overlay in deploy/k8s/drachtio deploy/k8s/embedded; do
  objects=$(kubectl kustomize "$overlay" | grep -c '^kind: ')
  echo "k8s-validate: $overlay renders $objects objects"
done
