package org.portfolio.infra;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs in CI, so docker-compose.yml is checked here against the code it deploys: every
 * service is built from its Dockerfile, listens on the port of its application.properties, has a readiness
 * health check on that port, uses its own database and starts after PostgreSQL and Kafka are healthy; only the
 * gateway is reachable from outside; each service has its own database role and Kafka principal; the broker
 * requires SASL and its ACLs (deploy/kafka/acls.txt) let each service write only its own topic (and the
 * dead-letter topics of what it reads) and read exactly what its handlers read.
 * (Locally, `docker-compose config -q` also parses it; see README.)
 */
class ComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> SERVICES =
            List.of("contracts-service", "autonomy-service", "performance-service", "enrollment-service", "integration-service",
                    "edfi-service", "gateway");
    static final List<String> EVENT_SERVICES = List.of("contracts", "autonomy", "performance", "enrollment", "integration");
    static final String CLIENTS_TOPIC = "gateway.clients";

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> services() throws IOException {
        return (Map<String, Object>) compose().get("services");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    static String principal(String service) {
        return service.equals("gateway") ? "gateway" : service.replace("-service", "");
    }

    @SuppressWarnings("unchecked")
    @Test
    void postgresLogsErrorsWithoutQuotingData() throws IOException {
        Map<String, Object> postgres = (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get("postgres");
        assertThat(String.valueOf(postgres.get("command")))
                .contains("log_error_verbosity=terse").contains("log_min_error_statement=panic");
    }

    @SuppressWarnings("unchecked")
    @Test
    void everyServiceIsBuiltHealthCheckedAndWiredToItsOwnDatabase() throws IOException {
        Map<String, Object> services = services();
        assertThat(services).containsKeys("postgres", "kafka", "kafka-init");
        for (String name : SERVICES) {
            assertThat(services).as(name).containsKey(name);
            Map<String, Object> s = map(services, name);
            Map<String, Object> build = map(s, "build");
            assertThat(ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")))
                    .as(name + " Dockerfile").exists();
            String port = httpPort(name);
            Map<String, Object> health = map(s, "healthcheck");
            assertThat(String.join(" ", (List<String>) health.get("test")))
                    .as(name + " health check").contains("localhost:" + port + "/q/health/ready");
            Map<String, Object> env = map(s, "environment");
            String db = principal(name);
            assertThat((String) env.get("QUARKUS_DATASOURCE_JDBC_URL")).as(name + " database").endsWith("/" + db);
            assertThat(env).as(name).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "PORTFOLIO_JWT_PUBLIC_KEY_LOCATION");
            Map<String, Object> deps = map(s, "depends_on");
            assertThat(deps).as(name + " depends on").containsKeys("postgres", "kafka", "kafka-init");
            assertThat(map(deps, "kafka-init")).containsEntry("condition", "service_completed_successfully");
            String dockerfile = Files.readString(ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")));
            assertThat(dockerfile).as(name + " Dockerfile port").contains("EXPOSE " + port);
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void onlyTheGatewayIsReachableFromOutside() throws IOException {
        Map<String, Object> compose = compose();
        Map<String, Object> networks = map(compose, "networks");
        assertThat(map(networks, "backend")).as("the backend network").containsEntry("internal", true);
        for (Map.Entry<String, Object> e : services().entrySet()) {
            Map<String, Object> s = (Map<String, Object>) e.getValue();
            List<String> nets = (List<String>) s.get("networks");
            assertThat(nets).as(e.getKey() + " networks").isNotNull().contains("backend");
            if (e.getKey().equals("gateway")) {
                assertThat((List<Object>) s.get("ports")).as("the gateway publishes its port").containsExactly("8080:8080");
                assertThat(nets).containsExactlyInAnyOrder("backend", "edge");
            } else if (e.getKey().equals("integration-service")) {
                // webhooks go out to the district's systems: a network with a route out, nothing published on it
                assertThat(s).as(e.getKey() + " publishes no port").doesNotContainKeys("ports", "expose", "network_mode");
                assertThat(nets).containsExactlyInAnyOrder("backend", "egress");
                assertThat(map(networks, "egress")).as("egress has a route out").doesNotContainKey("internal");
            } else {
                assertThat(s).as(e.getKey() + " publishes no port").doesNotContainKeys("ports", "expose", "network_mode");
                assertThat(nets).as(e.getKey() + " is on the internal network only").containsExactly("backend");
            }
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void eachServiceHasItsOwnDatabaseRoleAndKafkaPrincipalWithSecretsFromTheEnvironment() throws IOException {
        Set<String> principals = new LinkedHashSet<>();
        for (String name : SERVICES) {
            Map<String, Object> env = map(map(services(), name), "environment");
            String role = principal(name);
            assertThat(env.get("QUARKUS_DATASOURCE_USERNAME")).as(name + " database user").isEqualTo(role).isNotEqualTo("postgres");
            assertThat((String) env.get("QUARKUS_DATASOURCE_PASSWORD")).as(name + " database password")
                    .isEqualTo("${PORTFOLIO_DB_PASSWORD_" + role.toUpperCase() + ":?run deploy/generate-env.sh}");
            assertThat(env).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT").containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
            String jaas = (String) env.get("KAFKA_SASL_JAAS_CONFIG");
            assertThat(jaas).as(name + " Kafka login").isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + role + "\" password=\"${PORTFOLIO_KAFKA_PASSWORD_" + role.toUpperCase() + ":?run deploy/generate-env.sh}\";");
            principals.add(role);
        }
        assertThat(principals).hasSize(SERVICES.size()).doesNotContain("admin");
        // no secret in the file: every password is a required variable (deploy/generate-env.sh writes .env)
        String text = Files.readString(ROOT.resolve("docker-compose.yml"));
        Matcher m = Pattern.compile("(?i)(PASSWORD|SECRET)[A-Z_]*:\\s+(\\S+)").matcher(text);
        while (m.find()) {
            if (m.group().contains("ADOPT_SECRET")) {
                // a flag, not a secret: the gateway adopts the configured svc_edfi secret on a start asked to
                assertThat(m.group(2)).as(m.group()).isEqualTo("${PORTFOLIO_EDFI_CLIENT_ADOPT_SECRET:-false}");
                continue;
            }
            assertThat(m.group(2)).as(m.group()).startsWith("${").contains(":?");
        }
        assertThat(text).doesNotContain("POSTGRES_USER: portfolio");
    }

    @Test
    void everyServiceDatabaseIsCreatedWithItsOwnRole() throws IOException {
        String init = Files.readString(ROOT.resolve("deploy/postgres-init.sql"));
        for (String db : List.of("contracts", "autonomy", "performance", "enrollment", "integration", "edfi", "gateway")) {
            assertThat(init).contains("\\getenv " + db + "_password PORTFOLIO_DB_PASSWORD_" + db.toUpperCase() + "\n",
                    "create role " + db + " login password :'" + db + "_password';",
                    "create database " + db + " owner " + db + ";",
                    "revoke all on database " + db + " from public;");
        }
        assertThat(init).doesNotContainIgnoringCase("superuser").doesNotContainIgnoringCase("createrole");
    }

    /**
     * A stopped consumer group keeps its offsets as long as the topics keep their events (400 days): with Kafka's
     * default of 7 days a service stopped longer would start over from the beginning of every topic it reads
     * (review of the fifth pass of 2026-12-05).
     */
    @Test
    void theBrokerKeepsAStoppedGroupsOffsetsAsLongAsTheTopicsKeepTheirEvents() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(ROOT.resolve("deploy/kafka/server.properties"))));
        assertThat(Long.parseLong(p.getProperty("offsets.retention.minutes", "10080")))
                .isGreaterThanOrEqualTo(java.time.Duration.ofDays(400).toMinutes());
        assertThat(Long.parseLong(new EmbeddedKafkaBroker(9092, 9093, java.nio.file.Path.of("unused")).properties()
                .getProperty("offsets.retention.minutes", "10080"))).isGreaterThanOrEqualTo(java.time.Duration.ofDays(400).toMinutes());
    }

    @Test
    void theBrokerRequiresSaslOnEveryNetworkListenerAndAnAclForEverything() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(ROOT.resolve("deploy/kafka/server.properties"))));
        Map<String, String> protocols = new LinkedHashMap<>();
        for (String pair : p.getProperty("listener.security.protocol.map").split(",")) {
            String[] kv = pair.trim().split(":");
            protocols.put(kv[0], kv[1]);
        }
        String controllers = p.getProperty("controller.listener.names");
        for (String listener : p.getProperty("listeners").split(",")) {
            String name = listener.substring(0, listener.indexOf("://"));
            if (name.equals(controllers)) {
                assertThat(listener).as("the controller listener is loopback only").startsWith(name + "://localhost:");
            } else {
                assertThat(protocols.get(name)).as(listener).isIn("SASL_PLAINTEXT", "SASL_SSL");
            }
        }
        assertThat(p.getProperty("sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
        assertThat(p.getProperty("authorizer.class.name")).isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(p.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
        assertThat(p.getProperty("super.users").split(";")).containsExactlyInAnyOrder("User:admin", "User:ANONYMOUS");
        assertThat(p.getProperty("auto.create.topics.enable")).isEqualTo("false");
        // the broker is formatted with every principal's SCRAM credential; the ACL job applies acls.txt
        String start = Files.readString(ROOT.resolve("deploy/kafka/start.sh"));
        assertThat(start).contains("PRINCIPALS=(contracts autonomy performance enrollment integration edfi gateway)", "--add-scram",
                "kafka-storage.sh\" format --cluster-id");
        String init = Files.readString(ROOT.resolve("deploy/kafka/init.sh"));
        assertThat(init).contains("kafka-acls.sh", "<\"$CONF/acls.txt\"");
    }

    @Test
    void eachServiceWritesOnlyItsOwnTopicAndReadsWhatItsHandlersRead() throws IOException {
        List<Acl> acls = acls();
        for (String svc : EVENT_SERVICES) {
            String own = svc + ".events";
            Set<String> reads = handlerTopics(svc + "-service");
            assertThat(reads).as(svc + " handlers").isNotEmpty().doesNotContain(own);
            Set<String> expectedWrites = new TreeSet<>();
            expectedWrites.add(own);
            reads.forEach(t -> expectedWrites.add(t + ".dlq"));
            Set<String> expectedReads = new TreeSet<>(reads);
            expectedReads.add(CLIENTS_TOPIC);
            assertThat(topicsWith(acls, svc, "WRITE")).as(svc + " may write").isEqualTo(expectedWrites);
            assertThat(topicsWith(acls, svc, "READ")).as(svc + " may read").isEqualTo(expectedReads);
            assertThat(acls.stream().filter(a -> a.principal().equals(svc) && a.type().equals("group")))
                    .as(svc + " consumer groups").containsExactly(new Acl(svc, Set.of("READ"), "group", "prefixed", svc + "."));
        }
        // the gateway's own handlers (school membership of scopes): ComposeGatewayAclTest
        assertThat(topicsWith(acls, "gateway", "READ")).isEqualTo(handlerTopics("gateway"));
        for (Acl a : acls) {
            assertThat(a.principal()).isIn(SERVICES.stream().map(ComposeFileTest::principal).toList());
            assertThat(a.type()).isIn("topic", "group");
            // one topic at a time: no wildcard, no prefix that could cover another service's topic
            if (a.type().equals("topic")) {
                assertThat(a.pattern()).as(a.toString()).isEqualTo("literal");
                assertThat(a.name()).doesNotContain("*");
            }
            assertThat(a.operations()).as(a.toString()).isSubsetOf("READ", "WRITE", "CREATE", "DESCRIBE")
                    .doesNotContain("ALL", "ALTER", "DELETE", "ALTER_CONFIGS", "CLUSTER_ACTION");
            if (a.operations().contains("CREATE")) {
                assertThat(a.operations()).as(a + ": a topic it may create, it may see").contains("DESCRIBE");
            }
        }
    }

    /** One line of deploy/kafka/acls.txt. */
    record Acl(String principal, Set<String> operations, String type, String pattern, String name) {
    }

    static List<Acl> acls() throws IOException {
        List<Acl> out = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/kafka/acls.txt"))) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+");
            assertThat(f).as(line).hasSize(5);
            out.add(new Acl(f[0], Set.copyOf(Arrays.asList(f[1].split(","))), f[2], f[3], f[4]));
        }
        return out;
    }

    static Set<String> topicsWith(List<Acl> acls, String principal, String operation) {
        return acls.stream().filter(a -> a.principal().equals(principal) && a.type().equals("topic") && a.operations().contains(operation))
                .map(Acl::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The topics a service's event handlers read: what each {@code topics()} of its sources returns. */
    static Set<String> handlerTopics(String service) throws IOException {
        Pattern topics = Pattern.compile("Set<String>\\s+topics\\(\\)\\s*\\{\\s*return\\s+Set\\.of\\(([^)]*)\\)");
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve(service).resolve("src/main/java"))) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                Matcher m = topics.matcher(Files.readString(f));
                while (m.find()) {
                    for (String t : m.group(1).split(",")) {
                        out.add(t.trim().replace("\"", ""));
                    }
                }
            }
        }
        return out;
    }

    static String httpPort(String service) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p.getProperty("quarkus.http.port");
    }
}
