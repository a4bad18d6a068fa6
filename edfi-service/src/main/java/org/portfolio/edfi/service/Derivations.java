package org.portfolio.edfi.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.edfi.domain.StudentYear;
import org.portfolio.platform.web.correlation.RequestCorrelation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the attendance records a committed write changed to performance-service, and makes the write wait for it
 * (the Ed-Fi client gets its 201/200 only when performance-service has the derived records). Writes of the same
 * caller (the same token) that wait at the same time share one upload ("group commit"): one thread derives and sends,
 * one batch after the other, so each derivation reads everything committed before it and the records of a student
 * reach performance-service in the order of the writes. The upload carries the caller's own token: performance-service
 * checks its role and school scope as it does for any SIS upload.
 */
@ApplicationScoped
public class Derivations {

    private static final Logger LOG = Logger.getLogger(Derivations.class);

    private record Pending(String authorization, String requestId, Set<StudentYear> keys, CompletableFuture<Void> done) {
    }

    @Inject
    DerivationReader reader;

    @Inject
    PerformanceClient performance;

    @Inject
    EdFiConfig config;

    @Inject
    ObjectMapper mapper;

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread worker;

    void start(@Observes StartupEvent e) {
        running = true;
        worker = new Thread(this::loop, "edfi-derivations");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent e) {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    /** Derives and sends these student-years' records with the caller's token, and waits until performance-service has them. */
    public void send(String authorization, Set<StudentYear> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Pending p = new Pending(authorization, RequestCorrelation.requestId(), keys, new CompletableFuture<>());
        queue.add(p);
        try {
            p.done().get(config.derivationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EdFiException ex) {
                throw ex;
            }
            LOG.warnf("derived attendance records not sent: %s", e.getCause().getClass().getSimpleName());
            throw EdFiException.unavailable("The resource is stored, but its derived attendance records could not be sent to "
                    + "performance-service; post it again to resend them.");
        } catch (TimeoutException e) {
            throw EdFiException.unavailable("The resource is stored, but performance-service has not taken its derived "
                    + "attendance records yet; post it again to resend them.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EdFiException.unavailable("interrupted");
        }
    }

    private void loop() {
        while (running) {
            List<Pending> batch = new ArrayList<>();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, 999);
            Map<String, List<Pending>> byCaller = new LinkedHashMap<>();
            for (Pending p : batch) {
                byCaller.computeIfAbsent(p.authorization() == null ? "" : p.authorization(), x -> new ArrayList<>()).add(p);
            }
            for (List<Pending> group : byCaller.values()) {
                try {
                    flush(group);
                } catch (RuntimeException e) {
                    group.forEach(p -> p.done().completeExceptionally(e));
                }
            }
        }
    }

    private void flush(List<Pending> group) {
        Set<StudentYear> keys = new TreeSet<>();
        group.forEach(p -> keys.addAll(p.keys()));
        Map<StudentYear, ObjectNode> rows = reader.derive(keys);
        if (rows.isEmpty()) {
            group.forEach(p -> p.done().complete(null));
            return;
        }
        List<StudentYear> order = new ArrayList<>(rows.keySet());
        ArrayNode body = mapper.createArrayNode();
        order.forEach(k -> body.add(rows.get(k)));
        PerformanceClient.Outcome outcome;
        String previous = org.jboss.logging.MDC.get(RequestCorrelation.MDC_REQUEST_ID) == null ? null : "";
        try {
            org.jboss.logging.MDC.put(RequestCorrelation.MDC_REQUEST_ID, group.get(0).requestId());
            outcome = performance.uploadAttendance(group.get(0).authorization(), body);
        } catch (PerformanceClient.Refused r) {
            EdFiException e = r.status() == 401 || r.status() == 403 ? EdFiException.denied(r.getMessage())
                    : r.status() >= 500 ? EdFiException.unavailable(r.getMessage())
                    : EdFiException.conflict(r.getMessage());
            group.forEach(p -> p.done().completeExceptionally(e));
            return;
        } finally {
            if (previous == null) {
                org.jboss.logging.MDC.remove(RequestCorrelation.MDC_REQUEST_ID);
            }
        }
        Map<StudentYear, PerformanceClient.Rejected> rejected = new HashMap<>();
        for (PerformanceClient.Rejected r : outcome.rejected()) {
            if (r.index() >= 0 && r.index() < order.size()) {
                rejected.put(order.get(r.index()), r);
            }
        }
        for (Pending p : group) {
            PerformanceClient.Rejected r = p.keys().stream().map(rejected::get).filter(x -> x != null).findFirst().orElse(null);
            if (r == null) {
                p.done().complete(null);
            } else if ("schoolId".equals(r.field()) && r.message().contains("scoped")) {
                p.done().completeExceptionally(EdFiException.denied("performance-service refused the derived attendance record: "
                        + "your client is not scoped to its school."));
            } else {
                // the field and the rule; the value (a student id) is not repeated
                p.done().completeExceptionally(EdFiException.conflict("performance-service rejected the derived attendance record ("
                        + r.field() + "): " + ("studentId".equals(r.field()) ? "the student id" : r.message())));
            }
        }
    }
}
