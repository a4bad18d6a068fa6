package org.portfolio.platform.events.clients;

import org.portfolio.platform.events.EventTypes;

import java.util.Map;

/**
 * The gateway's API client changes: topic {@code gateway.clients}, one {@code portfolio.gateway.ClientChanged.v1}
 * per committed change, keyed by the client id. The topic is log-compacted and never expires by time, so it always
 * holds at least the latest state of every client and a service that starts reads the whole registry from it.
 */
public final class ClientTopic {

    public static final String NAME = "gateway.clients";
    public static final String SOURCE = "/gateway";
    public static final String EVENT = "ClientChanged";
    public static final String TYPE = EventTypes.of("gateway", EVENT);

    /**
     * Compacted (latest record per client kept), never deleted by age; a segment rolls every hour and is compacted once
     * a tenth of it is superseded, since Kafka never compacts the active segment: a school moved back and forth
     * republishes every client naming its bodies and zones, and every service reads all of those versions at start.
     */
    public static final Map<String, String> CONFIGS = Map.of(
            "cleanup.policy", "compact",
            "retention.ms", "-1",
            "segment.ms", "3600000",
            "min.cleanable.dirty.ratio", "0.1");

    private ClientTopic() {
    }
}
