package org.portfolio.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;
import org.portfolio.gateway.repository.ApiClientRepository;
import org.portfolio.platform.events.clients.ClientTopic;
import org.portfolio.platform.events.kafka.KafkaClients;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The client registry's topic lost its data (the broker's disk lost, the topic recreated): every service would know
 * no client, and the gateway would never write one again, since it writes a client only when its version differs
 * from the one it published (backup and restore review of the seventeenth pass, F10). At start, a topic that holds no
 * record although the relay had sent clients to it has every client marked unpublished, so the publisher writes them
 * all again within seconds (on a fresh start nothing was sent yet: nothing to do, and nothing said). Publishing a client twice is harmless: the services keep each client's highest version.
 */
@ApplicationScoped
public class LostClientTopic {

    private static final Logger LOG = Logger.getLogger(LostClientTopic.class);
    private static final long TIMEOUT_S = 10;

    @Inject
    KafkaClients kafka;

    @Inject
    ApiClientRepository clients;

    /** @return how many clients were marked unpublished (0 when the topic holds records or nothing was published) */
    @Transactional
    public int republishIfTheTopicHoldsNone(String topic) throws Exception {
        if (holdsRecords(kafka.admin(), topic) || !clients.everSent(ClientTopic.TYPE)) {
            return 0; // it holds them, or nothing was ever sent to it (a fresh start: the first sends are pending)
        }
        int forgotten = clients.forgetPublished();
        if (forgotten > 0) {
            LOG.warnf("Topic %s holds no record, but %d API clients were published to it: the broker lost its data "
                    + "(docs/operations.md). Publishing every client again", topic, forgotten);
        }
        return forgotten;
    }

    /** Whether any partition of the topic has a record left (its earliest offset below its latest). */
    static boolean holdsRecords(Admin admin, String topic) throws Exception {
        List<TopicPartition> partitions;
        try {
            partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // not created yet: it holds nothing (the publisher's sends wait for it)
            }
            throw e;
        }
        Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(admin, partitions, OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(admin, partitions, OffsetSpec.latest());
        return partitions.stream().anyMatch(tp -> latest.get(tp).offset() > earliest.get(tp).offset());
    }

    private static Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin admin, List<TopicPartition> partitions,
                                                                      OffsetSpec spec) throws Exception {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> spec)))
                .all().get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
