package org.portfolio.testing.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A consumer's own record type for the {@code data} of an event it reads, checked against the AsyncAPI document: every
 * example of the message reads into it (with the consumer's own reader), every component it reads is a field the
 * document declares (recursively, into nested records and lists of them), a primitive component (which cannot be
 * absent) is a field the document requires, and so is every field the consumer refuses to do without. A gap fails
 * with the field named, so a producer cannot drop or rename what a consumer needs without the consumer's build saying so.
 */
public final class ConsumerView<T> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventContract contract;
    private final String type;
    private final Class<T> view;
    private final List<String> required = new ArrayList<>();
    private final java.util.Set<String> elsewhere = new java.util.HashSet<>();

    ConsumerView(EventContract contract, String type, Class<T> view) {
        this.contract = contract;
        this.type = type;
        this.view = view;
    }

    /** Fields (dotted paths into nested objects: {@code cause.kind}) without which the consumer refuses the event. */
    public ConsumerView<T> requires(String... fields) {
        required.addAll(List.of(fields));
        return this;
    }

    /**
     * Fields of a record type the consumer shares between several messages that this message does not carry (the
     * consumer reads them when present, e.g. {@code previousVersion} of a view of ContractActivated and ContractAmended).
     * Anything else the record reads must be declared.
     */
    public ConsumerView<T> readsOnlyWhenPresent(String... fields) {
        elsewhere.addAll(List.of(fields));
        return this;
    }

    /**
     * Reads the data of every example of the message with the consumer's reader (e.g. {@code IncomingEvent.data}) and
     * checks the record type against the message's schema; fails listing every gap.
     *
     * @return what the reader made of each example, for further assertions
     */
    public List<T> assertReadsEveryExample(Function<byte[], T> reader) {
        List<String> problems = new ArrayList<>();
        JsonNode schema = contract.dataSchema(type);
        check(view, schema, "", problems);
        for (String field : required) {
            checkRequired(schema, field, field, problems);
        }
        List<JsonNode> examples = contract.examples(type);
        if (examples.isEmpty()) {
            problems.add(type + " has no example in the AsyncAPI document");
        }
        List<T> read = new ArrayList<>();
        for (JsonNode example : examples) {
            try {
                T t = reader.apply(JSON.writeValueAsBytes(example.path("data")));
                if (t == null) {
                    problems.add("the reader made nothing of an example of " + type);
                }
                read.add(t);
            } catch (Exception e) {
                problems.add("an example of " + type + " does not read into " + view.getSimpleName() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(view.getName() + " (a consumer's view of " + type + ") and the AsyncAPI document ("
                    + EventContract.RESOURCE + ") disagree:\n  " + String.join("\n  ", problems));
        }
        return read;
    }

    private void check(Class<?> record, JsonNode schema, String path, List<String> problems) {
        if (!record.isRecord()) {
            return;
        }
        JsonNode properties = schema.path("properties");
        for (RecordComponent c : record.getRecordComponents()) {
            String at = path + c.getName();
            JsonNode property = properties.get(c.getName());
            if (property == null && elsewhere.contains(at) && !c.getType().isPrimitive()) {
                continue;
            }
            if (property == null) {
                problems.add(type + ": the consumer reads '" + at + "', which the document does not declare");
                continue;
            }
            if (c.getType().isPrimitive() && !isRequired(schema, c.getName())) {
                problems.add(type + ": the consumer reads '" + at + "' as a " + c.getType()
                        + ", which cannot be absent, but the document does not require it");
            }
            JsonNode resolved = contract.resolve(property);
            if (c.getType().isRecord()) {
                check(c.getType(), resolved, at + ".", problems);
            } else if (Collection.class.isAssignableFrom(c.getType())) {
                Class<?> element = elementType(c.getGenericType());
                if (element != null && element.isRecord()) {
                    check(element, contract.resolve(resolved.path("items")), at + "[].", problems);
                }
            }
        }
    }

    private void checkRequired(JsonNode schema, String path, String full, List<String> problems) {
        int dot = path.indexOf('.');
        String name = dot < 0 ? path : path.substring(0, dot);
        if (!isRequired(schema, name)) {
            problems.add(type + ": the consumer refuses an event without '" + full + "', but the document does not require it");
            return;
        }
        if (dot >= 0) {
            checkRequired(contract.resolve(schema.path("properties").path(name)), path.substring(dot + 1), full, problems);
        }
    }

    private static boolean isRequired(JsonNode schema, String name) {
        for (JsonNode r : schema.path("required")) {
            if (r.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> elementType(Type generic) {
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return null;
    }
}
