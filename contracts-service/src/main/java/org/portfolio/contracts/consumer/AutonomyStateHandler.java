package org.portfolio.contracts.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.contracts.domain.AutonomyDomain;
import org.portfolio.contracts.domain.AutonomyModel;
import org.portfolio.contracts.service.AutonomyStateService;
import org.portfolio.platform.events.EventTypes;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.platform.events.consumer.PoisonEventException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Follows autonomy-service's grants so the scorecard shows which autonomies a school holds, and why not. An
 * AutonomyRevoked whose cause is RATING_FELL is an EARNED grant falling back (pending eligibility again): shown as
 * PENDING with the ratings, not as REVOKED.
 */
@ApplicationScoped
public class AutonomyStateHandler implements EventHandler {

    private static final String REVOKED = EventTypes.of("autonomy", "AutonomyRevoked");
    private static final String RATING_FELL = "RATING_FELL";

    private static final Map<String, String> STATUS = Map.of(
            EventTypes.of("autonomy", "AutonomyGranted"), "ACTIVE",
            EventTypes.of("autonomy", "AutonomyRevoked"), "REVOKED",
            EventTypes.of("autonomy", "AutonomyReinstated"), "ACTIVE",
            EventTypes.of("autonomy", "AutonomyEnded"), "ENDED");

    /**
     * The part of the Autonomy* events contracts keeps. Domain and model are typed: an event naming one this service
     * does not know is poison (DLQ), so the scorecard never shows a value outside its documented enums.
     */
    record GrantEvent(UUID grantId, UUID schoolId, AutonomyDomain domain, AutonomyModel model, UUID contractId, JsonNode cause) {
    }

    @Inject
    AutonomyStateService state;

    @Inject
    org.portfolio.contracts.service.SchoolCalendar calendar;

    @Override
    public String name() {
        return "autonomy-state";
    }

    @Override
    public Set<String> topics() {
        return Set.of("autonomy.events");
    }

    @Override
    public Set<String> types() {
        return STATUS.keySet();
    }

    @Override
    public void handle(IncomingEvent event) {
        GrantEvent g = event.data(GrantEvent.class);
        if (g.grantId() == null || g.schoolId() == null || g.domain() == null) {
            throw new PoisonEventException(event.name() + " " + event.id() + " lacks grantId, schoolId or domain");
        }
        String kind = text(g.cause(), "kind");
        String status = STATUS.get(event.type());
        if (REVOKED.equals(event.type()) && RATING_FELL.equals(kind)) {
            status = "PENDING"; // an EARNED grant fell back: pending eligibility again, not revoked by a benchmark
        }
        String description = CorrectionCodes.withoutFreeText(text(g.cause(), "description"));
        state.apply(new AutonomyStateService.GrantChange(g.grantId(), g.schoolId(), g.domain().name(),
                g.model() == null ? null : g.model().name(), g.contractId(), status,
                kind == null || kind.length() > 40 ? null : kind, summary(event.name(), g.cause()),
                org.portfolio.platform.web.text.Texts.cut(description, 1000),
                ratingIds(g.cause()), event.time() != null ? event.time() : calendar.now()), event.id());
    }

    /** The ratings the cause names (ratingIds, else ratingId), comma-separated; only well-formed ids are kept. */
    private static String ratingIds(JsonNode cause) {
        if (cause == null || cause.isNull()) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        JsonNode list = cause.get("ratingIds");
        if (list != null && list.isArray()) {
            list.forEach(n -> ids.add(n.asText()));
        } else if (cause.hasNonNull("ratingId")) {
            ids.add(cause.get("ratingId").asText());
        }
        List<String> valid = ids.stream().filter(AutonomyStateHandler::isUuid).limit(20).toList();
        return valid.isEmpty() ? null : String.join(",", valid);
    }

    private static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return s.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String summary(String name, JsonNode cause) {
        if (cause == null || cause.isNull()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name);
        for (String f : new String[]{"kind", "metricCode", "period", "target", "actual", "reason", "description"}) {
            String v = text(cause, f);
            if (v != null) {
                sb.append(sb.length() == name.length() ? ": " : ", ").append(f).append(' ').append(v);
            }
        }
        String s = CorrectionCodes.withoutFreeText(sb.toString());
        return org.portfolio.platform.web.text.Texts.cut(s, 1000);
    }

    private static String text(JsonNode n, String field) {
        if (n == null || !n.hasNonNull(field)) {
            return null;
        }
        return n.get(field).asText();
    }
}
