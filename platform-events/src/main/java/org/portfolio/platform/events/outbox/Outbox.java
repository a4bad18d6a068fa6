package org.portfolio.platform.events.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.portfolio.platform.events.EventTypes;
import org.portfolio.platform.events.EventsConfig;
import org.portfolio.platform.web.correlation.RequestCorrelation;
import org.portfolio.platform.web.problem.ProblemException;

import java.time.Instant;
import java.util.UUID;

/**
 * Publishes domain events the only safe way: as a row in the caller's database transaction. If the
 * transaction rolls back, the event never existed; if it commits, the relay will deliver it (at least once,
 * to a topic keyed by the subject so that events of one school stay in order).
 */
@ApplicationScoped
public class Outbox {

    /**
     * The largest event data the outbox takes, in bytes of its JSON in UTF-8, as the broker counts a record: below
     * Kafka's default record limit of 1 MB with the CloudEvents envelope around it. (It counted characters until the
     * nineteenth pass: reasons and names may be any text, and 900,000 characters of it up to 2.7 MB, which the broker
     * would have refused and the relay retried for good.)
     */
    public static final int MAX_PAYLOAD_BYTES = 900_000;

    /** The length of the text in UTF-8 bytes, counted without encoding it. */
    public static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** 409: the change would publish an event larger than the backbone carries (nothing is committed). */
    public static final org.portfolio.platform.web.problem.ProblemType EVENT_TOO_LARGE = org.portfolio.platform.web.problem.ProblemType
            .custom("event-too-large", "The change would publish an event larger than the event backbone carries", 409);

    private static final Object WAKE_KEY = new Object();

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    EventsConfig config;

    @Inject
    TransactionSynchronizationRegistry tsr;

    @Inject
    OutboxRelay relay;

    /** The service's clock (platform-web's default bean, or the service's own; TestClock in tests). */
    @Inject
    java.time.Clock clock;

    /**
     * Records an event {@code portfolio.<service>.<name>.v1} in the current transaction, occurred now by the
     * service's injected clock (its CloudEvents {@code time}).
     *
     * @param aggregateType the kind of thing that changed, e.g. "School"
     * @param aggregateId   its id
     * @param name          UpperCamelCase event name, e.g. "SchoolRegistered"
     * @param subject       the school the event is about (CloudEvents subject and record key)
     * @param data          the payload; serialised as JSON. Never put student-level personal data in it.
     * @return the event id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String aggregateType, Object aggregateId, String name, Object subject, Object data) {
        return publish(aggregateType, aggregateId, name, 1, subject, data);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String aggregateType, Object aggregateId, String name, int version, Object subject, Object data) {
        return publish(aggregateType, aggregateId, name, version, subject, data, clock.instant());
    }

    /**
     * As {@link #publish(String, Object, String, int, Object, Object)}, with the time the event occurred (its
     * CloudEvents {@code time}) given by the caller: a service whose domain times come from an injectable clock
     * publishes the same instant it records, so that a test that moves the clock sees it on the event too.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String aggregateType, Object aggregateId, String name, int version, Object subject, Object data,
                        Instant occurredAt) {
        OutboxEvent e = new OutboxEvent();
        e.id = UUID.randomUUID();
        e.aggregateType = aggregateType;
        e.aggregateId = String.valueOf(aggregateId);
        e.type = EventTypes.of(config.service(), name, version);
        e.subject = subject == null ? null : subject.toString();
        e.topic = config.topic();
        e.messageKey = e.subject != null ? e.subject : e.aggregateId;
        e.occurredAt = occurredAt == null ? clock.instant() : occurredAt;
        e.traceparent = RequestCorrelation.traceparent();
        try {
            e.payload = mapper.writeValueAsString(data);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("event payload is not serialisable: " + ex.getMessage(), ex);
        }
        long bytes = utf8Length(e.payload);
        if (bytes > MAX_PAYLOAD_BYTES) {
            // the broker refuses a record over 1 MB, and the relay sends in order: such a row would hold up every later
            // event of the service for good. Refused here, the change and its event are not committed at all.
            throw ProblemException.conflict(EVENT_TOO_LARGE, "The change would publish " + e.type + " of "
                    + bytes + " bytes, more than one event can carry (" + MAX_PAYLOAD_BYTES + ")");
        }
        em.persist(e);
        wakeRelayAfterCommit();
        return e.id;
    }

    private void wakeRelayAfterCommit() {
        if (tsr.getResource(WAKE_KEY) != null) {
            return;
        }
        tsr.putResource(WAKE_KEY, Boolean.TRUE);
        tsr.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
