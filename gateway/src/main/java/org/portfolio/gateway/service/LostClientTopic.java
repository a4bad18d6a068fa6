package org.portfolio.gateway.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;
import org.portfolio.gateway.repository.ApiClientRepository;
import org.portfolio.platform.events.clients.ClientTopic;
import org.portfolio.platform.events.kafka.KafkaClients;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The client registry's topic lost records (the broker's disk lost, the topic recreated, a partition gone): the
 * services would not know those clients, and the gateway would never write them again, since it writes a client only
 * when its version differs from the one it published (backup and restore review of the seventeenth pass, F10). Once
 * per start, from the scheduled publisher (never holding up the start; tried again every 2 s until Kafka answers): a
 * client that the relay had sent (its row sent, or gone after the relay's retention) whose key's partition holds no
 * record is marked unpublished, so the publisher writes it again. On a fresh start nothing was sent yet: nothing to do.
 * A partition that still holds another client's record hides a lost one: docs/operations.md's runbook marks every
 * client unpublished by hand. Publishing a client twice is harmless (the services keep each client's highest version).
 */
@ApplicationScoped
public class LostClientTopic {

    private static final Logger LOG = Logger.getLogger(LostClientTopic.class);
    private static final long TIMEOUT_S = 10;

    @Inject
    KafkaClients kafka;

    @Inject
    ApiClientRepository clients;

    private volatile boolean checked;

    /** The scheduled publisher's call: the check, until one has succeeded since the start. */
    public void checkOnce() {
        if (checked) {
            return;
        }
        try {
            republishIfLost(ClientTopic.NAME);
            checked = true;
        } catch (Exception e) {
            LOG.debugf("Could not check %s for lost clients yet (%s); trying again", ClientTopic.NAME, e.toString());
        }
    }

    /** @return how many clients were marked unpublished */
    public int republishIfLost(String topic) throws Exception {
        List<String> sent = QuarkusTransaction.requiringNew().call(() -> clients.sentClients(ClientTopic.TYPE));
        if (sent.isEmpty()) {
            return 0;
        }
        Set<Integer> holding = partitionsHoldingRecords(kafka.admin(), topic);
        int partitions = holding.isEmpty() ? 0 : partitionCount(kafka.admin(), topic);
        List<String> lost = sent.stream().filter(id -> partitions == 0 || !holding.contains(partitionOf(id, partitions))).toList();
        if (lost.isEmpty()) {
            return 0;
        }
        int forgotten = 0;
        for (int from = 0; from < lost.size(); from += 1000) { // one statement's bind parameters stay bounded
            List<String> batch = lost.subList(from, Math.min(lost.size(), from + 1000));
            forgotten += QuarkusTransaction.requiringNew().call(() -> clients.forgetPublished(batch));
        }
        LOG.warnf("Topic %s holds no record where %d API clients sent to it were: the broker lost data "
                + "(docs/operations.md). Publishing them again", topic, forgotten);
        return forgotten;
    }

    /** The partition the producer's default partitioner gives a record keyed by the client id. */
    public static int partitionOf(String clientId, int partitions) {
        return Utils.toPositive(Utils.murmur2(clientId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static int partitionCount(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS).get(topic).partitions().size();
    }

    /** The partitions with a record left (earliest offset below latest); none when the topic does not exist. */
    static Set<Integer> partitionsHoldingRecords(Admin admin, String topic) throws Exception {
        List<TopicPartition> partitions;
        try {
            partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Set.of(); // not created (again) yet: it holds nothing
            }
            throw e;
        }
        Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(admin, partitions, OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(admin, partitions, OffsetSpec.latest());
        return partitions.stream().filter(tp -> latest.get(tp).offset() > earliest.get(tp).offset())
                .map(TopicPartition::partition).collect(Collectors.toSet());
    }

    private static Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin admin, List<TopicPartition> partitions,
                                                                      OffsetSpec spec) throws Exception {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> spec)))
                .all().get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
