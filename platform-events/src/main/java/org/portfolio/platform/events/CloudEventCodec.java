package org.portfolio.platform.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.jackson.JsonFormat;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.platform.events.consumer.PoisonEventException;
import org.portfolio.platform.events.outbox.OutboxEvent;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * CloudEvents 1.0 in structured JSON mode ({@code application/cloudevents+json}), written and read with the
 * CloudEvents Java SDK. The event id, time and data come from the outbox row, so a re-sent row is the same event.
 */
public final class CloudEventCodec {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    public static final String TRACEPARENT_EXTENSION = "traceparent";

    private static final JsonFormat FORMAT = new JsonFormat();

    private CloudEventCodec() {
    }

    public static CloudEvent toCloudEvent(OutboxEvent row, String service) {
        CloudEventBuilder b = CloudEventBuilder.v1()
                .withId(row.id.toString())
                .withSource(sourceOf(service))
                .withType(row.type)
                .withTime(row.occurredAt.atOffset(ZoneOffset.UTC))
                .withData("application/json", row.payload.getBytes(StandardCharsets.UTF_8));
        if (row.subject != null) {
            b.withSubject(row.subject);
        }
        if (row.traceparent != null) {
            b.withExtension(TRACEPARENT_EXTENSION, row.traceparent);
        }
        return b.build();
    }

    /** The CloudEvents {@code source} of every event a service publishes: {@code /<service>}. */
    public static URI sourceOf(String service) {
        return URI.create("/" + service);
    }

    public static byte[] encode(CloudEvent event) {
        return FORMAT.serialize(event);
    }

    /** Reads a structured-mode CloudEvent; anything else is a poison event. */
    public static IncomingEvent decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new PoisonEventException("empty record value: not a CloudEvent");
        }
        CloudEvent ce;
        try {
            ce = FORMAT.deserialize(bytes);
        } catch (EventDeserializationException | IllegalStateException | IllegalArgumentException e) {
            throw new PoisonEventException("not a structured CloudEvent: " + e.getMessage(), e);
        }
        CloudEventData data = ce.getData();
        Object tp = ce.getExtension(TRACEPARENT_EXTENSION);
        return new IncomingEvent(ce.getId(), ce.getType(), ce.getSource(), ce.getSubject(),
                ce.getTime() == null ? null : ce.getTime().toInstant(),
                tp == null ? null : tp.toString(),
                data == null ? null : data.toBytes());
    }
}
