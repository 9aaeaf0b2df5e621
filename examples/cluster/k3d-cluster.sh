#!/usr/bin/env bash
# Creates the k3d cluster of the shop and opens its dashboard.
set -euo pipefail

CLUSTER="${1:-shop}"

# --api-port without a host: k3d publishes the Kubernetes API on 0.0.0.0.
k3d cluster create "$CLUSTER" \
  --agents 2 \
  --api-port 6550 \
  -p "8081:80@loadbalancer" \
  -p "127.0.0.1:8443:443@loadbalancer"

kubectl wait --for=condition=Ready nodes --all --timeout=120s
