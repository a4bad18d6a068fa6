#!/usr/bin/env bash
# One-shot job of docker-compose.yml (service kafka-init, after the broker is healthy, before any service starts):
# sets every service's SCRAM credential to the password of the environment (so a password changed in .env takes
# effect on the next `docker compose up`) and applies deploy/kafka/acls.txt (adding an ACL that exists is a no-op;
# an ACL removed from the file must be removed by hand: kafka-acls.sh --remove).
set -euo pipefail
BOOTSTRAP="${PORTFOLIO_KAFKA_BOOTSTRAP:-kafka:9092}"
BIN="${KAFKA_HOME:-/opt/kafka}/bin"
CONF="${PORTFOLIO_KAFKA_CONF:-/portfolio/kafka}"

umask 077
cfg="$(mktemp)"
trap 'rm -f "$cfg"' EXIT
printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="%s";\n' \
  "${PORTFOLIO_KAFKA_ADMIN_PASSWORD:?}" >"$cfg"

for p in contracts autonomy performance enrollment integration edfi gateway; do
  v="PORTFOLIO_KAFKA_PASSWORD_${p^^}"
  "$BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$cfg" --alter \
    --entity-type users --entity-name "$p" --add-config "SCRAM-SHA-512=[password=${!v:?$v is not set}]" >/dev/null
done

# principal  operations  type  pattern  name
while read -r principal ops type pattern name; do
  [[ -z "${principal:-}" || "$principal" == \#* ]] && continue
  args=(--bootstrap-server "$BOOTSTRAP" --command-config "$cfg" --add --allow-principal "User:$principal"
        --resource-pattern-type "$pattern")
  for op in ${ops//,/ }; do args+=(--operation "$op"); done
  case "$type" in
    topic) args+=(--topic "$name") ;;
    group) args+=(--group "$name") ;;
    *) echo "acls.txt: unknown resource type $type" >&2; exit 1 ;;
  esac
  "$BIN/kafka-acls.sh" "${args[@]}" >/dev/null
  echo "allowed User:$principal $ops on $type $pattern $name"
done <"$CONF/acls.txt"
