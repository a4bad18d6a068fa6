#!/usr/bin/env bash
# Writes the secrets of docker-compose.yml to .env (or to the file given): a fresh random 256-bit value for the
# PostgreSQL superuser, each service's database role and Kafka principal, the Kafka administrator, the
# bootstrap API client and edfi-service's own client, plus the uid that may read deploy/keys/jwt-private.pem. The file is created owner-only
# (600) and never overwritten; .env is git-ignored. Nothing secret is committed anywhere.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-.env}"
if [[ -e "$out" ]]; then echo "$out exists: not overwritten" >&2; exit 1; fi
rand() { head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
SERVICES=(CONTRACTS AUTONOMY PERFORMANCE ENROLLMENT INTEGRATION EDFI GATEWAY)
key=deploy/keys/jwt-private.pem
uid="$(stat -c %u "$key" 2>/dev/null || id -u)"
if [[ $uid == 0 ]]; then
  uid=185 # the image's own user
  echo "note: the gateway runs as uid 185, not root: chown 185 $key (it must be able to read it)" >&2
fi
umask 077
tmp="$(mktemp "$out.XXXXXX")"
{
  echo "# Secrets of docker-compose.yml, written by deploy/generate-env.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ). Keep private."
  echo "PORTFOLIO_POSTGRES_PASSWORD=$(rand)"
  for s in "${SERVICES[@]}"; do echo "PORTFOLIO_DB_PASSWORD_$s=$(rand)"; done
  echo "PORTFOLIO_KAFKA_ADMIN_PASSWORD=$(rand)"
  for s in "${SERVICES[@]}"; do echo "PORTFOLIO_KAFKA_PASSWORD_$s=$(rand)"; done
  echo "PORTFOLIO_BOOTSTRAP_CLIENT_SECRET=$(rand)"
  echo "# edfi-service's own API client (svc_edfi, role SIS, every school): the gateway creates it, edfi-service uses it"
  echo "PORTFOLIO_EDFI_CLIENT_SECRET=$(rand)"
  echo "# keys the HMAC that performance-service's erasure audit keeps instead of a student id"
  echo "PORTFOLIO_ERASURE_HASH_KEY=$(rand)"
  echo "# the gateway runs as the owner of deploy/keys/jwt-private.pem (mode 600), never as root"
  echo "PORTFOLIO_GATEWAY_UID=$uid"
} >"$tmp"
mv "$tmp" "$out"
echo "Wrote $out (mode 600)"
