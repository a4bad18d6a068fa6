package org.portfolio.integration.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.integration.domain.FeedRow;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A feed event as a CloudEvent in structured JSON: the original event's id, source, type, subject, time and data,
 * plus the CloudEvents {@code sequence} extension: its place in the feed (the cursor to resume after it).
 */
@ApplicationScoped
public class EventJson {

    @Inject
    ObjectMapper mapper;

    public ObjectNode of(FeedRow row) {
        ObjectNode ce = mapper.createObjectNode();
        ce.put("specversion", "1.0");
        ce.put("id", row.eventId());
        ce.put("source", row.source());
        ce.put("type", row.type());
        if (row.subject() != null) {
            ce.put("subject", row.subject());
        }
        ce.put("time", row.time().toString());
        ce.put("datacontenttype", "application/json");
        ce.put("sequence", Long.toString(row.seq()));
        ce.set("data", data(row));
        return ce;
    }

    public JsonNode data(FeedRow row) {
        try {
            return mapper.readTree(row.data());
        } catch (IOException e) {
            throw new UncheckedIOException("feed event " + row.seq() + " holds no JSON", e);
        }
    }

    /** The data as a map (an answer's field). */
    @SuppressWarnings("unchecked")
    public java.util.Map<String, Object> dataMap(FeedRow row) {
        return mapper.convertValue(data(row), java.util.Map.class);
    }

    public String body(FeedRow row) {
        try {
            return mapper.writeValueAsString(of(row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
