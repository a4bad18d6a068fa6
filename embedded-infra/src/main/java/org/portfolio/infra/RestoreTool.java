package org.portfolio.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * What an operator runs after a restore ({@code ./portfolio rewind}, {@code ./portfolio republish}; docs/architecture.md,
 * "After a restore").
 * <ul>
 * <li><b>rewind</b>: one service's database was restored from a backup taken at T. Its consumer groups
 * ({@code <service>.<handler>}, platform-events' ConsumerWorker) committed offsets past the events it applied after T,
 * whose {@code processed_event} rows and effects the restore took away: they would never be applied again. The
 * rewind moves each of those groups, partition by partition, back to the first record at or after the instant given
 * (T minus a margin; Kafka's {@code listOffsets} by timestamp, the end offset when no record is that late). Never
 * forward: a group that had not yet read that far keeps its offset. The restored inbox skips what the database
 * already had. Refused while a group has members (the service is running; Kafka would refuse it too), and, unless
 * {@code --include-dead-letters}, while dead letters of its handlers lie in the records it would read again.</li>
 * <li><b>republish</b>: the broker lost data. Rows of {@code outbox_event} already marked sent are never sent again;
 * the republish clears {@code sent_at} of those sent after the instant, so the relay sends them again, in their
 * order ({@code seq}), the consumers' inboxes skipping what they had. Refused while anything else is connected to the
 * service's database (the service is running: its relay could send newer events first).</li>
 * </ul>
 * Both are dry runs unless {@code --execute}. Exit codes: 0 done or dry run, 1 refused or failed, 2 usage (an unknown
 * service, an instant that is not one).
 */
public final class RestoreTool {

    /** The services' event names ({@code portfolio.events.service}): group prefix and database name alike. */
    static final List<String> SERVICES = List.of("contracts", "autonomy", "performance", "enrollment", "integration",
            "edfi", "gateway");
    /** platform-events' relay default ({@code portfolio.events.relay.retention}): sent rows older are deleted. */
    static final Duration OUTBOX_RETENTION = Duration.ofDays(7);
    private static final long TIMEOUT_S = 30;

    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;

    private final PrintStream out;

    public RestoreTool(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out);
        } catch (Exception e) {
            System.out.println("failed: " + e);
            code = REFUSED;
        }
        System.out.flush();
        System.exit(code);
    }

    /**
     * {@code rewind <bootstrap> <service> <instant> [--execute] [--include-dead-letters]} or
     * {@code republish <jdbc:postgresql://host:port/> <service> <instant> [--execute]} (user and password: PGUSER and
     * PGPASSWORD, else postgres/postgres as the embedded stack has it).
     */
    public static int run(String[] args, PrintStream out) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        boolean execute = a.remove("--execute");
        boolean includeDeadLetters = a.remove("--include-dead-letters");
        if (a.size() != 4 || !(a.get(0).equals("rewind") || a.get(0).equals("republish"))) {
            out.println("usage: RestoreTool rewind <bootstrap> <service> <instant> [--execute] [--include-dead-letters]\n"
                    + "       RestoreTool republish <jdbc:postgresql://host:port/> <service> <instant> [--execute]");
            return USAGE;
        }
        String service = service(a.get(2));
        if (service == null) {
            out.println("unknown service '" + a.get(2) + "'; the services are: " + String.join(", ", serviceNames()));
            return USAGE;
        }
        Instant at;
        try {
            at = instant(a.get(3));
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return USAGE;
        }
        RestoreTool tool = new RestoreTool(out);
        return a.get(0).equals("rewind")
                ? tool.rewind(a.get(1), service, at, execute, includeDeadLetters)
                : tool.republish(a.get(1), service, at, execute);
    }

    /** The event name of a service, from either spelling ({@code contracts} or {@code contracts-service}); null if none. */
    static String service(String name) {
        String s = name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name;
        return SERVICES.contains(s) ? s : null;
    }

    /** The names ./portfolio knows them by. */
    static List<String> serviceNames() {
        return SERVICES.stream().map(RestoreTool::processName).toList();
    }

    static String processName(String service) {
        return service.equals("gateway") ? service : service + "-service";
    }

    /** An ISO-8601 instant with its zone ({@code 2026-12-07T09:30:00Z}, {@code 2026-12-07T10:30:00+01:00}), not in the future. */
    static Instant instant(String text) {
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 instant with its zone, e.g. "
                    + "2026-12-07T09:30:00Z or 2026-12-07T10:30:00+01:00");
        }
        if (at.isAfter(Instant.now())) {
            throw new IllegalArgumentException(at + " is in the future: give the time of the backup (or of the "
                    + "broker's loss) minus a margin");
        }
        return at;
    }

    // ---------------------------------------------------------------------------------------------------- rewind

    /** One partition of one group: where it is and where the rewind puts it. */
    /** {@code atInstant}: the offset of the first record at or after the instant (the end offset if none: {@code atEnd}). */
    public record Move(TopicPartition partition, long committed, long atInstant, boolean atEnd) {
        /** Back to the instant, never forward past records the group has not read. */
        public long target() {
            return Math.min(committed, atInstant);
        }

        public boolean changes() {
            return atInstant < committed;
        }

        public boolean atTheInstant() {
            return atInstant == committed;
        }
    }

    public record GroupPlan(String group, String state, int members, List<Move> moves) {
        public boolean active() {
            return members > 0;
        }
    }

    /** The groups of {@code service} and, for each partition it has an offset on, the offset at {@code at}. */
    public List<GroupPlan> plan(Admin admin, String service, Instant at) throws Exception {
        String prefix = service + ".";
        List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(TIMEOUT_S, TimeUnit.SECONDS)
                .stream().map(GroupListing::groupId).filter(g -> g.startsWith(prefix)).sorted().toList();
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<String, Map<TopicPartition, Long>> committed = new LinkedHashMap<>();
        Map<TopicPartition, OffsetSpec> byTime = new HashMap<>();
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (String g : groups) {
            Map<TopicPartition, Long> offsets = new TreeMap<>(Comparator.comparing(TopicPartition::topic)
                    .thenComparingInt(TopicPartition::partition));
            admin.listConsumerGroupOffsets(g).partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS)
                    .forEach((tp, om) -> {
                        if (om != null) {
                            offsets.put(tp, om.offset());
                            byTime.put(tp, OffsetSpec.forTimestamp(at.toEpochMilli()));
                            ends.put(tp, OffsetSpec.latest());
                        }
                    });
            committed.put(g, offsets);
        }
        Map<TopicPartition, ListOffsetsResultInfo> atTime = byTime.isEmpty() ? Map.of()
                : admin.listOffsets(byTime).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> atEnd = ends.isEmpty() ? Map.of()
                : admin.listOffsets(ends).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<GroupPlan> plans = new ArrayList<>();
        for (String g : groups) {
            List<Move> moves = new ArrayList<>();
            committed.get(g).forEach((tp, offset) -> {
                long found = atTime.get(tp).offset();
                boolean none = found < 0; // no record at or after the instant: the end
                long target = none ? atEnd.get(tp).offset() : found;
                moves.add(new Move(tp, offset, target, none));
            });
            ConsumerGroupDescription d = described.get(g);
            plans.add(new GroupPlan(g, d.groupState().toString(), d.members().size(), moves));
        }
        return plans;
    }

    public int rewind(String bootstrap, String service, Instant at, boolean execute) throws Exception {
        return rewind(bootstrap, service, at, execute, false);
    }

    /**
     * The dead letters of the service's handlers whose original record lies in a range the rewind makes its group read
     * again: having no inbox row, each is tried again, and if its cause was fixed meanwhile it is applied after newer
     * events of its school, which {@code ./portfolio dlq} refuses without {@code --force} (hostile review of the
     * seventeenth pass, M3). A letter names its handler, not its service: a handler of the same name in another service
     * is listed too (shown, never moved).
     */
    List<String> deadLettersReadAgain(Admin admin, String bootstrap, String service, List<GroupPlan> plans) throws Exception {
        java.util.Set<String> topics = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<String, List<DeadLetterTool.Letter>> letters = new HashMap<>();
        DeadLetterTool dlq = new DeadLetterTool(bootstrap);
        List<String> found = new ArrayList<>();
        for (GroupPlan p : plans) {
            String handler = p.group().substring(service.length() + 1);
            for (Move m : p.moves()) {
                String dlqTopic = m.partition().topic() + ".dlq";
                if (!m.changes() || !topics.contains(dlqTopic)) {
                    continue;
                }
                for (DeadLetterTool.Letter l : letters.computeIfAbsent(dlqTopic, dlq::list)) {
                    if (handler.equals(l.consumer()) && m.partition().topic().equals(l.originalTopic())
                            && l.originalPartition() == m.partition().partition()
                            && l.originalOffset() >= m.target() && l.originalOffset() < m.committed()) {
                        String what = l.valueDropped() ? "(value dropped)" : l.type() == null ? "(not an event)"
                                : l.type() + " " + l.eventId();
                        found.add(l.topic() + "-" + l.partition() + "@" + l.offset() + "  " + what
                                + "  (" + p.group() + ", " + l.originalTopic() + "-" + l.originalPartition() + "@"
                                + l.originalOffset() + ", dead-lettered " + l.time() + ")");
                    }
                }
            }
        }
        return found;
    }

    public int rewind(String bootstrap, String service, Instant at, boolean execute, boolean includeDeadLetters)
            throws Exception {
        String proc = processName(service);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000))) {
            List<GroupPlan> plans = plan(admin, service, at);
            if (plans.isEmpty()) {
                out.println("No consumer groups of " + proc + " (" + service + ".*) on " + bootstrap
                        + ": nothing to rewind.");
                return OK;
            }
            out.println("Consumer groups of " + proc + " moved back to " + at + (execute ? "" : " (dry run)") + ":");
            int changes = 0;
            List<String> active = new ArrayList<>();
            for (GroupPlan p : plans) {
                out.println("  " + p.group() + "  (" + p.state() + ", " + p.members() + " member"
                        + (p.members() == 1 ? "" : "s") + ")");
                if (p.active()) {
                    active.add(p.group());
                }
                if (p.moves().isEmpty()) {
                    out.println("      no committed offsets");
                }
                for (Move m : p.moves()) {
                    String why = m.changes() ? (m.committed() - m.target()) + " record(s) read again"
                            : m.atEnd() ? "unchanged: no record since the instant"
                            : m.atTheInstant() ? "unchanged: already at the instant"
                            : "unchanged: it has not read as far as the instant (never moved forward)";
                    out.printf("      %-40s %d -> %d   %s%n", m.partition(), m.committed(), m.target(), why);
                    if (m.changes()) {
                        changes++;
                    }
                }
            }
            if (!active.isEmpty()) {
                out.println("Refused: " + String.join(", ", active) + " ha" + (active.size() == 1 ? "s" : "ve")
                        + " active members (" + proc + " is running). Stop " + proc + " first.");
                return REFUSED;
            }
            if (changes == 0) {
                out.println("Nothing to move.");
                return OK;
            }
            List<String> dead;
            try {
                dead = deadLettersReadAgain(admin, bootstrap, service, plans);
            } catch (Exception e) {
                out.println("Could not read the dead-letter topics (" + e + ")" + (includeDeadLetters
                        ? ": going on, as --include-dead-letters accepts whatever they hold." : "."));
                if (!includeDeadLetters) {
                    out.println("Refused: add --include-dead-letters to rewind without knowing them.");
                    return REFUSED;
                }
                dead = List.of();
            }
            if (!dead.isEmpty()) {
                // hostile read of the pass (H1): a letter dead-lettered after the backup is followed by its school's
                // later events, all read again in their order; one dead-lettered between the instant and the backup
                // is applied after newer events the restored database still has
                out.println("Dead letters in the records read again (" + dead.size() + "): each is tried again. One "
                        + "dead-lettered after the backup's time is re-applied in order with its school's later events; "
                        + "one dead-lettered between the instant and the backup's time, if its cause was fixed, is applied "
                        + "after newer events of its school (./portfolio dlq list):");
                dead.forEach(d -> out.println("  " + d));
            }
            if (!execute) {
                out.println("Dry run: nothing changed. Run again with --execute to move " + changes + " partition(s)"
                        + (dead.isEmpty() ? "." : " (and --include-dead-letters once you have checked those)."));
                return OK;
            }
            if (!dead.isEmpty() && !includeDeadLetters) {
                out.println("Refused: " + dead.size() + " dead letter(s) would be tried again. Check their time against "
                        + "the backup's, then add --include-dead-letters.");
                return REFUSED;
            }
            int moved = 0;
            for (GroupPlan p : plans) {
                Map<TopicPartition, OffsetAndMetadata> to = new HashMap<>();
                p.moves().stream().filter(Move::changes).forEach(m -> to.put(m.partition(), new OffsetAndMetadata(m.target())));
                if (to.isEmpty()) {
                    continue;
                }
                try {
                    admin.alterConsumerGroupOffsets(p.group(), to).all().get(TIMEOUT_S, TimeUnit.SECONDS);
                    moved += to.size();
                } catch (ExecutionException e) {
                    out.println("Refused by Kafka for " + p.group() + ": " + e.getCause().getMessage()
                            + (moved > 0 ? " (" + moved + " partition(s) of the groups before it were moved)" : "")
                            + ". Stop " + proc + " first, then run it again.");
                    return REFUSED;
                }
            }
            out.println("Moved " + moved + " partition(s). When " + proc + " starts it reads them again from there; "
                    + "its inbox (processed_event) skips what its database already had.");
            return OK;
        }
    }

    // ------------------------------------------------------------------------------------------------- republish

    public int republish(String serverUrl, String service, Instant at, boolean execute) throws SQLException {
        String proc = processName(service);
        String url = (serverUrl.endsWith("/") ? serverUrl : serverUrl + "/") + service;
        String user = env("PGUSER", "postgres");
        String password = env("PGPASSWORD", "postgres");
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            if ("3D000".equals(e.getSQLState())) {
                out.println("There is no database " + service + " at " + serverUrl + " (has " + proc + " ever started?)");
                return REFUSED;
            }
            throw e;
        }
        try (Connection c = connection) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("select to_regclass('outbox_event') is not null");
                 ResultSet r = s.executeQuery()) {
                r.next();
                if (!r.getBoolean(1)) {
                    out.println("Database " + service + " has no outbox_event table (has " + proc + " ever started?)");
                    c.rollback();
                    return REFUSED;
                }
            }
            if (execute) {
                // held to the commit: a service that connects after the check below cannot mark a newer row sent before
                // the older ones are put back (hostile review of the seventeenth pass, L11)
                try (PreparedStatement s = c.prepareStatement("set local lock_timeout = '5s'")) {
                    s.execute();
                }
                try (PreparedStatement s = c.prepareStatement("lock table outbox_event in exclusive mode")) {
                    s.execute();
                }
            }
            String others;
            try (PreparedStatement s = c.prepareStatement("select count(*), string_agg(distinct coalesce("
                    + "nullif(application_name, ''), usename::text), ', ') from pg_stat_activity "
                    + "where datname = current_database() and pid <> pg_backend_pid()");
                 ResultSet r = s.executeQuery()) {
                r.next();
                others = r.getLong(1) == 0 ? null : r.getLong(1) + " (" + r.getString(2) + ")";
            }
            long count;
            OffsetDateTime first;
            OffsetDateTime last;
            try (PreparedStatement s = c.prepareStatement(
                    "select count(*), min(sent_at), max(sent_at) from outbox_event where sent_at > ?")) {
                s.setObject(1, at.atOffset(ZoneOffset.UTC));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    count = r.getLong(1);
                    first = r.getObject(2, OffsetDateTime.class);
                    last = r.getObject(3, OffsetDateTime.class);
                }
            }
            out.println("Outbox of " + proc + " (database " + service + "): " + count + " event(s) sent after " + at
                    + (count == 0 ? "" : ", from " + first.toInstant() + " to " + last.toInstant())
                    + (execute ? "" : " (dry run)") + ".");
            if (at.isBefore(Instant.now().minus(OUTBOX_RETENTION))) {
                out.println("Note: sent rows are deleted after " + OUTBOX_RETENTION.toDays() + " days: those sent before "
                        + Instant.now().minus(OUTBOX_RETENTION) + " are gone and cannot be republished from here.");
            }
            if (others != null) {
                c.rollback();
                out.println("Refused: " + others + " other connection(s) to database " + service + " (" + proc
                        + " is running). Stop " + proc + " first.");
                return REFUSED;
            }
            if (count == 0) {
                c.rollback();
                out.println("Nothing to republish.");
                return OK;
            }
            if (!execute) {
                c.rollback();
                out.println("Dry run: nothing changed. Run again with --execute to have the relay send them again.");
                return OK;
            }
            int updated;
            try (PreparedStatement s = c.prepareStatement("update outbox_event set sent_at = null where sent_at > ?")) {
                s.setObject(1, at.atOffset(ZoneOffset.UTC));
                updated = s.executeUpdate();
            }
            c.commit();
            out.println("Reset " + updated + " event(s): when " + proc + " starts its relay sends them again, in their "
                    + "order; the consumers' inboxes skip what they had.");
            return OK;
        }
    }

    private static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? otherwise : v;
    }
}
