#!/usr/bin/env bash
# The compose deployment's Kafka broker (docker-compose.yml runs this in the apache/kafka image): SASL/SCRAM on
# the only network listener, ACLs required (deploy/kafka/server.properties). On the first start the log
# directory is formatted with the SCRAM credentials of the administrator and of every service: KRaft keeps them
# in its metadata, and the broker needs its own before it can serve anyone. Later password changes are applied
# by deploy/kafka/init.sh.
set -euo pipefail
PRINCIPALS=(contracts autonomy performance enrollment integration edfi gateway)
# the image's paths (overridable to try the script outside a container)
BIN="${KAFKA_HOME:-/opt/kafka}/bin"
CONF="${PORTFOLIO_KAFKA_CONF:-/portfolio/kafka}"
DATA="${PORTFOLIO_KAFKA_DATA:-/var/lib/kafka/data}"
RUN="${PORTFOLIO_KAFKA_RUN:-/tmp/portfolio-kafka}"

password_of() { local v="PORTFOLIO_KAFKA_PASSWORD_${1^^}"; printf '%s' "${!v:-}"; }
check() {
  [[ "$2" =~ ^[A-Za-z0-9_-]{24,}$ ]] && return 0
  echo "kafka: $1 must be set to 24 or more characters of A-Z a-z 0-9 _ - (deploy/generate-env.sh writes them)" >&2
  exit 1
}
jaas() { printf 'org.apache.kafka.common.security.scram.ScramLoginModule required username="%s" password="%s";' "$1" "$2"; }

check PORTFOLIO_KAFKA_ADMIN_PASSWORD "${PORTFOLIO_KAFKA_ADMIN_PASSWORD:-}"
for p in "${PRINCIPALS[@]}"; do check "PORTFOLIO_KAFKA_PASSWORD_${p^^}" "$(password_of "$p")"; done

umask 077
mkdir -p "$RUN"
cp "$CONF/server.properties" "$RUN/server.properties"
printf '\nlistener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=%s\n' "$(jaas admin "$PORTFOLIO_KAFKA_ADMIN_PASSWORD")" \
  >>"$RUN/server.properties"
# the administrator's client settings, for the health check
printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=%s\n' \
  "$(jaas admin "$PORTFOLIO_KAFKA_ADMIN_PASSWORD")" >"$RUN/admin.properties"

if [[ ! -f "$DATA/meta.properties" ]]; then
  scram=(--add-scram "SCRAM-SHA-512=[name=admin,password=$PORTFOLIO_KAFKA_ADMIN_PASSWORD]")
  for p in "${PRINCIPALS[@]}"; do scram+=(--add-scram "SCRAM-SHA-512=[name=$p,password=$(password_of "$p")]"); done
  "$BIN/kafka-storage.sh" format --cluster-id "$PORTFOLIO_KAFKA_CLUSTER_ID" --config "$RUN/server.properties" "${scram[@]}"
fi
exec "$BIN/kafka-server-start.sh" "$RUN/server.properties"
