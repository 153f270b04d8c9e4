#!/bin/sh
# One-shot: wait for the Temporal frontend, then make sure the namespace exists (idempotent).
set -eu
address="${TEMPORAL_ADDRESS:-temporal:7233}"
namespace="${TEMPORAL_NAMESPACE:-default}"
tries=0
until temporal operator cluster health --address "$address" >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -gt 90 ] && { echo "temporal at $address did not become healthy" >&2; exit 1; }
  sleep 2
done
temporal operator namespace describe --namespace "$namespace" --address "$address" >/dev/null 2>&1 \
  || temporal operator namespace create --namespace "$namespace" --retention 30d --address "$address"
echo "namespace $namespace ready"
