package org.portfolio.testing.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;
import org.portfolio.testing.EventsProbe;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AsyncAPI document of the events ({@code asyncapi/portfolio-events.yaml}, module api-docs) as a checker of the
 * code, both ways. Producers: every event a service published, as read back from its topic, must be a message of that
 * topic's channel and conform to the message's schema (CloudEvents envelope, record key, content-type header and
 * {@code data}; JSON Schema 2020-12, formats asserted, closed objects), and every message of the channel must have been
 * published at least once ({@link #assertTopicConforms}). Consumers: the examples of every message a consumer reads
 * must fit its own record type, and every field the consumer reads must be declared ({@link ConsumerView}).
 */
public final class EventContract {

    public static final String RESOURCE = "asyncapi/portfolio-events.yaml";
    private static final String DOCUMENT = "urn:portfolio:asyncapi";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int MAX_VIOLATIONS = 30;
    private static volatile EventContract loaded;

    /** One message of the document: its CloudEvents type, where it is published and where its schemas are. */
    public record Message(String name, String type, String source, String topic, String payloadPointer,
                          String dataPointer) {
    }

    private final JsonNode doc;
    private final SchemaRegistry registry;
    private final Map<String, Message> byType = new LinkedHashMap<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    EventContract(String yaml) {
        try {
            this.doc = YAML.readTree(yaml);
            String json = JSON.writeValueAsString(doc);
            Dialect.Builder dialect = Dialect.builder(Dialects.getDraft202012());
            for (String field : List.of("asyncapi", "id", "info", "servers", "defaultContentType", "channels", "operations",
                    "components")) {
                dialect.keyword(new NonValidationKeyword(field)); // the document's own fields, not schema keywords
            }
            this.registry = SchemaRegistry.withDialect(dialect.build(), b -> b
                    .schemas(Map.of(DOCUMENT, json))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                            .pathType(PathType.JSON_PATH).build()));
        } catch (IOException e) {
            throw new IllegalArgumentException("the AsyncAPI document is not YAML: " + e.getMessage(), e);
        }
        if (!doc.path("asyncapi").asText().startsWith("3.")) {
            throw new IllegalArgumentException("an AsyncAPI 3 document is expected, not " + doc.path("asyncapi").asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> ch = doc.path("channels").fields(); ch.hasNext(); ) {
            Map.Entry<String, JsonNode> channel = ch.next();
            String topic = channel.getValue().path("address").asText();
            for (Iterator<Map.Entry<String, JsonNode>> m = channel.getValue().path("messages").fields(); m.hasNext(); ) {
                String pointer = refPointer(m.next().getValue());
                JsonNode message = doc.at(pointer);
                JsonNode constants = envelopeConstants(message.path("payload"));
                if (constants == null) {
                    continue; // not a CloudEvent (dead letters)
                }
                String type = constants.path("type").path("const").asText();
                Message msg = new Message(message.path("name").asText(), type, constants.path("source").path("const").asText(),
                        topic, pointer + "/payload", refPointer(constants.path("data")));
                if (byType.put(type, msg) != null) {
                    throw new IllegalArgumentException("two messages of the document have the type " + type);
                }
            }
        }
    }

    /** The document on the class path (module api-docs), read once. */
    public static EventContract load() {
        EventContract c = loaded;
        if (c == null) {
            synchronized (EventContract.class) {
                if (loaded == null) {
                    loaded = new EventContract(resourceText());
                }
                c = loaded;
            }
        }
        return c;
    }

    /** For a test of the checker itself: a document given as YAML text. */
    public static EventContract parse(String yaml) {
        return new EventContract(yaml);
    }

    public static String resourceText() {
        try (InputStream in = EventContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: add the api-docs module");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonNode document() {
        return doc;
    }

    public Map<String, Message> messages() {
        return byType;
    }

    public Message message(String type) {
        Message m = byType.get(type);
        if (m == null) {
            throw new IllegalArgumentException("the AsyncAPI document has no message of type " + type);
        }
        return m;
    }

    /** The CloudEvents types the document lists on a topic. */
    public Set<String> typesOn(String topic) {
        Set<String> out = new TreeSet<>();
        byType.values().stream().filter(m -> m.topic().equals(topic)).forEach(m -> out.add(m.type()));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ producers

    /** What is wrong with one record as read from a topic; empty when it is a message of the document. */
    public List<String> violations(EventsProbe.Received r) {
        List<String> out = new ArrayList<>();
        String at = r.topic() + "@" + r.partition() + ":" + r.offset() + " " + r.type();
        if (r.envelope() == null) {
            return List.of(at + ": not a structured-mode CloudEvent");
        }
        Message m = byType.get(r.type());
        if (m == null) {
            return List.of(at + ": type " + r.type() + " is not a message of the AsyncAPI document (add it there)");
        }
        if (!m.topic().equals(r.topic())) {
            out.add(at + ": published on " + r.topic() + ", the document has it on " + m.topic());
        }
        if (r.key() == null || !r.key().equals(r.subject())) {
            out.add(at + ": record key " + r.key() + " is not the subject " + r.subject());
        }
        if (!"application/cloudevents+json".equals(r.header("content-type"))) {
            out.add(at + ": content-type header " + r.header("content-type") + ", not application/cloudevents+json");
        }
        for (Error e : schema(m.payloadPointer()).validate(r.envelope())) {
            out.add(at + " " + e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }

    /** Checks one event against the document (as published JSON, e.g. an example or an event built by hand). */
    public List<String> violations(String type, JsonNode envelope) {
        List<String> out = new ArrayList<>();
        for (Error e : schema(message(type).payloadPointer()).validate(envelope)) {
            out.add(type + " " + e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * Checks every event the topic's owner published on it so far (every test of the module that ran in this JVM
     * adds to them) against the document, and that every message the document lists on the topic was published at
     * least once. Records from another source (tests that forge events) are left to the tests that forged them.
     *
     * @return how many events were checked, by type
     */
    public Map<String, Integer> assertTopicConforms(String topic, String source) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (EventsProbe.Received r : EventsProbe.readAll(topic)) {
            if (r.envelope() != null && !source.equals(r.source())) {
                continue;
            }
            seen.merge(String.valueOf(r.type()), 1, Integer::sum);
            for (String v : violations(r)) {
                if (problems.size() < MAX_VIOLATIONS) {
                    problems.add(v);
                }
            }
        }
        Set<String> never = new TreeSet<>(typesOn(topic));
        never.removeAll(seen.keySet());
        if (!never.isEmpty()) {
            problems.add("the AsyncAPI document lists " + never + " on " + topic
                    + ", but no test of its producer published one: publish each in a test (or remove it from the document)");
        }
        System.out.printf("[asyncapi] %s: %d events of %d types checked against the AsyncAPI document%n", topic,
                seen.values().stream().mapToInt(Integer::intValue).sum(), seen.size());
        if (!problems.isEmpty()) {
            throw new AssertionError("the events on " + topic + " and the AsyncAPI document (" + RESOURCE + ") disagree:\n  "
                    + String.join("\n  ", problems));
        }
        return seen;
    }

    // ------------------------------------------------------------------------------------------------ consumers

    /** The CloudEvents types an operation of the document (a consumer: {@code action: receive}) reads. */
    public Set<String> typesOf(String operationId) {
        JsonNode op = operation(operationId);
        Set<String> out = new TreeSet<>();
        for (JsonNode ref : op.path("messages")) {
            JsonNode channelMessage = doc.at(refPointer(ref));
            String pointer = channelMessage.has("$ref") ? refPointer(channelMessage) : refPointer(ref);
            byType.values().stream().filter(m -> m.payloadPointer().equals(pointer + "/payload"))
                    .forEach(m -> out.add(m.type()));
        }
        return out;
    }

    /** The topic an operation of the document reads or writes. */
    public String topicOf(String operationId) {
        return doc.at(refPointer(operation(operationId).path("channel"))).path("address").asText();
    }

    private JsonNode operation(String operationId) {
        JsonNode op = doc.path("operations").path(operationId);
        if (op.isMissingNode()) {
            throw new IllegalArgumentException("the AsyncAPI document has no operation " + operationId);
        }
        return op;
    }

    /** The example envelopes of a message, as the document gives them. */
    public List<JsonNode> examples(String type) {
        JsonNode message = doc.at(message(type).payloadPointer().replaceAll("/payload$", ""));
        List<JsonNode> out = new ArrayList<>();
        message.path("examples").forEach(e -> out.add(e.path("payload")));
        return out;
    }

    /** The schema of a message's {@code data}, references resolved at the top. */
    public JsonNode dataSchema(String type) {
        return resolve(doc.at(message(type).dataPointer()));
    }

    /** Follows local references ({@code #/components/...}) until a schema that is not one. */
    public JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 20 && s.has("$ref"); i++) {
            s = doc.at(refPointer(s));
        }
        return s;
    }

    /** A consumer's own record type for the data of the messages it reads: see {@link ConsumerView}. */
    public <T> ConsumerView<T> consumer(String type, Class<T> view) {
        return new ConsumerView<>(this, type, view);
    }

    // ------------------------------------------------------------------------------------------------ internals

    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(DOCUMENT + "#" + p)));
    }

    /** The second part of a message payload's allOf: the constants of its envelope (source, type) and its data. */
    private JsonNode envelopeConstants(JsonNode payload) {
        for (JsonNode part : payload.path("allOf")) {
            JsonNode p = part.path("properties");
            if (p.path("type").has("const") && p.has("data")) {
                return p;
            }
        }
        return null;
    }

    private static String refPointer(JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are supported, not '" + ref + "'");
        }
        return ref.substring(1);
    }
}
