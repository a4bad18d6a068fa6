package org.portfolio.infra;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs in CI, so docker-compose.yml is checked here against the code it deploys: every
 * service is built from its Dockerfile, listens on the port of its application.properties, has a readiness
 * health check on that port, uses its own database and starts after PostgreSQL and Kafka are healthy.
 * (Locally, `docker-compose config -q` also parses it; see README.)
 */
class ComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> SERVICES =
            List.of("contracts-service", "autonomy-service", "performance-service", "enrollment-service", "gateway");

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void everyServiceIsBuiltHealthCheckedAndWiredToItsOwnDatabase() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsKeys("postgres", "kafka");
        for (String name : SERVICES) {
            assertThat(services).as(name).containsKey(name);
            Map<String, Object> s = (Map<String, Object>) services.get(name);
            Map<String, Object> build = (Map<String, Object>) s.get("build");
            assertThat(ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")))
                    .as(name + " Dockerfile").exists();
            String port = httpPort(name);
            Map<String, Object> health = (Map<String, Object>) s.get("healthcheck");
            assertThat(String.join(" ", (List<String>) health.get("test")))
                    .as(name + " health check").contains("localhost:" + port + "/q/health/ready");
            Map<String, Object> env = (Map<String, Object>) s.get("environment");
            String db = name.equals("gateway") ? "gateway" : name.replace("-service", "");
            assertThat((String) env.get("QUARKUS_DATASOURCE_JDBC_URL")).as(name + " database").endsWith("/" + db);
            assertThat(env).as(name).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "PORTFOLIO_JWT_PUBLIC_KEY_LOCATION");
            Map<String, Object> deps = (Map<String, Object>) s.get("depends_on");
            assertThat(deps).as(name + " depends on").containsKeys("postgres", "kafka");
            String dockerfile = Files.readString(ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")));
            assertThat(dockerfile).as(name + " Dockerfile port").contains("EXPOSE " + port);
        }
    }

    @Test
    void everyServiceDatabaseIsCreated() throws IOException {
        String init = Files.readString(ROOT.resolve("deploy/postgres-init.sql"));
        for (String db : List.of("contracts", "autonomy", "performance", "enrollment", "gateway")) {
            assertThat(init).contains("create database " + db + ";");
        }
    }

    static String httpPort(String service) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p.getProperty("quarkus.http.port");
    }
}
