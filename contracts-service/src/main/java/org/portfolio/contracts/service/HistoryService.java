package org.portfolio.contracts.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.contracts.domain.HistoryEntry;
import org.portfolio.contracts.domain.HistoryKind;
import org.portfolio.contracts.repository.HistoryRepository;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Appends to the ordered history of schools and contracts, in the transaction of the change it records. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class HistoryService {

    @Inject
    HistoryRepository history;

    @Inject
    ObjectMapper json;

    @Inject
    SchoolCalendar calendar;

    /** What a history entry says. {@code cause}: where it came from (event, evaluation, decision ids). */
    public record Entry(UUID schoolId, UUID contractId, HistoryKind kind, String summary, String actor, String reason,
                        LocalDate effectiveDate, UUID refId, Map<String, Object> cause) {
    }

    public HistoryEntry record(Entry e) {
        HistoryEntry h = new HistoryEntry();
        h.occurredAt = calendar.now();
        h.schoolId = e.schoolId();
        h.contractId = e.contractId();
        h.kind = e.kind();
        h.summary = truncate(e.summary(), 1000);
        h.actor = e.actor();
        h.reason = e.reason();
        h.effectiveDate = e.effectiveDate();
        h.refId = e.refId();
        if (e.cause() != null && !e.cause().isEmpty()) {
            try {
                h.cause = json.writeValueAsString(e.cause());
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("history cause is not serialisable", ex);
            }
        }
        history.persist(h);
        return h;
    }

    /** A cause map without the null values. */
    public static Map<String, Object> cause(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
            }
        }
        return m;
    }

    private static String truncate(String s, int max) {
        return org.portfolio.platform.web.text.Texts.cut(s, max); // in characters, not UTF-16 units (nineteenth pass)
    }
}
