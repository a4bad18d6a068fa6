package org.portfolio.integration.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.integration.domain.Audience;
import org.portfolio.integration.domain.EventCatalog;
import org.portfolio.integration.service.FeedWriter;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.platform.events.consumer.PoisonEventException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Every service's events into the change feed, through the backbone (inbox, DLQ, each topic's owner only): one
 * consumer applies a partition in order, so the feed keeps each school's order. Only the types of
 * {@link EventCatalog} are kept; anything else (a new type, an event about one applicant) is skipped.
 *
 * <p>Events of different schools may share a transaction ({@link #batchesAcrossKeys()}): storing one event and
 * queuing its deliveries depends on no other event but the earlier ones of its own school (its lane), which come
 * before it in the same partition and so in the same batch or an earlier one. A batch takes the feed lock and all
 * its lanes' locks first, in the order every lane lock is taken in ({@link FeedWriter#lockAhead}), so that it never
 * holds one school's lane while waiting for another's that the dispatcher holds while waiting for the first.
 *
 * <p>An event is stored as published, except an event published before issue 15 that still carries a correction's or
 * a flag resolution's free text: stored with the code instead ({@link PublishedCodes}).
 */
@ApplicationScoped
public class FeedHandler implements EventHandler {

    @jakarta.inject.Inject
    java.time.Clock clock;

    @Inject
    FeedWriter feed;

    @Inject
    ObjectMapper mapper;

    @Override
    public String name() {
        return "change-feed";
    }

    @Override
    public Set<String> topics() {
        return Set.of("contracts.events", "autonomy.events", "performance.events", "enrollment.events");
    }

    @Override
    public Set<String> types() {
        return EventCatalog.consumedTypes();
    }

    @Override
    public boolean batchesAcrossKeys() {
        return true;
    }

    @Override
    public void beforeBatch(List<IncomingEvent> events) {
        feed.lockAhead(events.stream().map(e -> FeedWriter.orderKey(e.subject(), e.id())).toList());
    }

    @Override
    public void handle(IncomingEvent event) {
        Audience audience = EventCatalog.audienceOf(event.type()).orElse(null);
        if (audience == null) {
            return;
        }
        JsonNode data = event.json();
        if (!data.isObject()) {
            throw new PoisonEventException("event " + event.id() + " (" + event.type() + ") has no JSON object as data");
        }
        Set<UUID> schools = schoolsOf(event, data);
        feed.append(event.id(), event.type(), event.source().toString(), event.subject(),
                event.time() != null ? event.time() : clock.instant(), stored(event, data), audience, schools, null);
    }

    /** The data as published, or with codes in place of free text typed by people (issue 15). */
    private String stored(IncomingEvent event, JsonNode data) {
        return PublishedCodes.codesOnly(event.type(), data).map(codes -> {
            try {
                return mapper.writeValueAsString(codes);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("event " + event.id() + ": its data cannot be written again", e);
            }
        }).orElseGet(() -> new String(event.data(), StandardCharsets.UTF_8));
    }

    /** The schools an event is about: its schoolId, or (MatchPublished) the schools of its programs. */
    static Set<UUID> schoolsOf(IncomingEvent event, JsonNode data) {
        Set<UUID> out = new LinkedHashSet<>();
        add(out, data.get("schoolId"), event);
        JsonNode programs = data.get("programs");
        if (programs != null && programs.isArray()) {
            programs.forEach(p -> add(out, p.get("schoolId"), event));
        }
        return out;
    }

    private static void add(Set<UUID> out, JsonNode id, IncomingEvent event) {
        if (id == null || id.isNull()) {
            return;
        }
        try {
            out.add(UUID.fromString(id.asText()));
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("event " + event.id() + " names a school that is not a UUID");
        }
    }
}
