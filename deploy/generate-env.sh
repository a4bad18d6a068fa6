#!/usr/bin/env bash
# Writes the secrets of docker-compose.yml to .env (or to the file given): a fresh random 256-bit value for the
# PostgreSQL superuser, each service's database role and Kafka principal, the Kafka administrator and the
# bootstrap API client, plus the uid that may read deploy/keys/jwt-private.pem. The file is created owner-only
# (600) and never overwritten; .env is git-ignored. Nothing secret is committed anywhere.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-.env}"
if [[ -e "$out" ]]; then echo "$out exists: not overwritten" >&2; exit 1; fi
rand() { head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
SERVICES=(CONTRACTS AUTONOMY PERFORMANCE ENROLLMENT GATEWAY)
umask 077
tmp="$(mktemp "$out.XXXXXX")"
{
  echo "# Secrets of docker-compose.yml, written by deploy/generate-env.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ). Keep private."
  echo "PORTFOLIO_POSTGRES_PASSWORD=$(rand)"
  for s in "${SERVICES[@]}"; do echo "PORTFOLIO_DB_PASSWORD_$s=$(rand)"; done
  echo "PORTFOLIO_KAFKA_ADMIN_PASSWORD=$(rand)"
  for s in "${SERVICES[@]}"; do echo "PORTFOLIO_KAFKA_PASSWORD_$s=$(rand)"; done
  echo "PORTFOLIO_BOOTSTRAP_CLIENT_SECRET=$(rand)"
  echo "# the gateway runs as the owner of deploy/keys/jwt-private.pem (mode 600)"
  echo "PORTFOLIO_GATEWAY_UID=$(id -u)"
} >"$tmp"
mv "$tmp" "$out"
echo "Wrote $out (mode 600)"
