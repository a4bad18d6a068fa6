package org.portfolio.platform.events.consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.portfolio.platform.events.EventTypes;
import org.portfolio.platform.web.json.JsonLimits;
import org.portfolio.platform.web.json.StrictNumbers;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;

/** A consumed CloudEvent. {@link #data(Class)} maps the JSON data onto the consumer's own view of it. */
public record IncomingEvent(String id, String type, URI source, String subject, Instant time, String traceparent,
                            byte[] data) {

    /** The request bodies' limits apply to event data too: bounded decimals, names, strings, nesting; no duplicate keys. */
    private static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        new JsonLimits().customize(m);
        new StrictNumbers().customize(m);
        return m;
    }

    /** The event name without prefix and version, e.g. {@code MetricResultRecorded}. */
    public String name() {
        return EventTypes.shortName(type);
    }

    /** The data as the consumer's record type (unknown fields ignored: tolerant reader); poison if it does not fit. */
    public <T> T data(Class<T> type) {
        if (data == null) {
            throw new PoisonEventException("event " + id + " (" + this.type + ") has no data");
        }
        try {
            T value = MAPPER.readValue(data, type);
            if (value == null) {
                // "data": null reads as no record at all: a consumer would fail on it with a NullPointerException
                throw new PoisonEventException("data of event " + id + " (" + this.type + ") is null");
            }
            return value;
        } catch (IOException e) {
            throw new PoisonEventException("data of event " + id + " (" + this.type + ") does not fit "
                    + type.getSimpleName() + ": " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    public JsonNode json() {
        try {
            return data == null ? MAPPER.nullNode() : MAPPER.readTree(data);
        } catch (IOException e) {
            throw new PoisonEventException("data of event " + id + " is not JSON", e);
        }
    }

}
