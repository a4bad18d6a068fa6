package org.portfolio.platform.events.consumer;

import org.portfolio.platform.events.CloudEventCodec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may publish what where: the topic {@code <service>.events} belongs to that service, which publishes only
 * events typed {@code portfolio.<service>.*} with the source {@code /<service>} ({@link CloudEventCodec#sourceOf}).
 * A record on the topic that claims another type or another source was not written by the owner's outbox relay:
 * it is forged or misrouted, and is refused before any handler sees it.
 *
 * <p>This is the second wall. The first is the broker's ACLs (only the owning service's principal may write to its
 * topic); without them anyone on the network can still write a record that copies the owner's type and source.
 */
public final class EventOrigin {

    /** Why a record was refused; the {@code reason} tag of {@code portfolio.events.rejected}. */
    public enum Reason {
        FOREIGN_TYPE("foreign-type"),
        FOREIGN_SOURCE("foreign-source"),
        UNOWNED_TOPIC("unowned-topic");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private static final Pattern TOPIC = Pattern.compile("([a-z][a-z0-9-]{0,60})\\.events");
    private static final int MAX_ECHO = 100;

    private EventOrigin() {
    }

    /** The service that owns {@code <service>.events}, or null for a topic of another shape. */
    public static String ownerOf(String topic) {
        Matcher m = topic == null ? null : TOPIC.matcher(topic);
        return m != null && m.matches() ? m.group(1) : null;
    }

    /** Throws {@link ForeignEventException} unless the event is typed and sourced as the topic's owner publishes. */
    static void check(String topic, IncomingEvent event) {
        String owner = ownerOf(topic);
        if (owner == null) {
            throw new ForeignEventException(Reason.UNOWNED_TOPIC, "event " + echo(event.id()) + " on topic "
                    + echo(topic) + ", which no service owns: refused");
        }
        if (event.type() == null || !event.type().startsWith("portfolio." + owner + ".")) {
            throw new ForeignEventException(Reason.FOREIGN_TYPE, "event " + echo(event.id()) + " of type "
                    + echo(event.type()) + " on " + topic + ", where only " + owner
                    + " publishes (portfolio." + owner + ".*): refused as forged or misrouted");
        }
        String expected = CloudEventCodec.sourceOf(owner).toString();
        String source = event.source() == null ? null : event.source().toString();
        if (!expected.equals(source)) {
            throw new ForeignEventException(Reason.FOREIGN_SOURCE, "event " + echo(event.id()) + " (" + echo(event.type())
                    + ") on " + topic + " with source " + echo(source) + ", not " + expected
                    + ": refused as forged");
        }
    }

    /** Attacker-controlled text in a log line or header: bounded, printable. */
    private static String echo(String s) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() > MAX_ECHO ? s.substring(0, MAX_ECHO) + "…" : s;
        return cut.replaceAll("[^\\x20-\\x7E…]", "?");
    }

    /** A record refused by its origin: dead-lettered at once and counted, never retried. */
    static final class ForeignEventException extends PoisonEventException {

        private final Reason reason;

        ForeignEventException(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        Reason reason() {
            return reason;
        }
    }
}
