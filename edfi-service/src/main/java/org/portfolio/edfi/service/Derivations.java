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
import org.portfolio.edfi.domain.AssessmentKey;
import org.portfolio.edfi.domain.StudentYear;
import org.portfolio.edfi.repository.SentStore;
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

    private record Pending(String authorization, String requestId, Affected keys, CompletableFuture<Void> done) {
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
        send(authorization, Affected.attendance(keys));
    }

    /**
     * Derives and sends these attendance and assessment records with the caller's token (assessment records no longer
     * derived are retracted), and waits until performance-service has them.
     */
    public void send(String authorization, Affected keys) {
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
        Set<AssessmentKey> assessments = new TreeSet<>();
        group.forEach(p -> {
            keys.addAll(p.keys().attendance());
            assessments.addAll(p.keys().assessments());
        });
        String authorization = group.get(0).authorization();
        Map<Object, EdFiException> failed = new HashMap<>();
        String previous = org.jboss.logging.MDC.get(RequestCorrelation.MDC_REQUEST_ID) == null ? null : "";
        try {
            org.jboss.logging.MDC.put(RequestCorrelation.MDC_REQUEST_ID, group.get(0).requestId());
            if (!keys.isEmpty()) {
                sendAttendance(authorization, keys, failed);
            }
            if (!assessments.isEmpty()) {
                sendAssessments(authorization, assessments, failed);
            }
        } finally {
            if (previous == null) {
                org.jboss.logging.MDC.remove(RequestCorrelation.MDC_REQUEST_ID);
            }
        }
        for (Pending p : group) {
            EdFiException e = java.util.stream.Stream.concat(p.keys().attendance().stream(), p.keys().assessments().stream())
                    .map(failed::get).filter(x -> x != null).findFirst().orElse(null);
            if (e == null) {
                p.done().complete(null);
            } else {
                p.done().completeExceptionally(e);
            }
        }
    }

    private void sendAttendance(String authorization, Set<StudentYear> keys, Map<Object, EdFiException> failed) {
        Map<StudentYear, ObjectNode> rows = reader.derive(keys);
        if (rows.isEmpty()) {
            return;
        }
        List<StudentYear> order = new ArrayList<>(rows.keySet());
        ArrayNode body = mapper.createArrayNode();
        order.forEach(k -> body.add(rows.get(k)));
        PerformanceClient.Outcome outcome;
        try {
            outcome = performance.uploadAttendance(authorization, body);
        } catch (PerformanceClient.Refused r) {
            EdFiException e = refused(r);
            keys.forEach(k -> failed.put(k, e));
            return;
        }
        rejected(outcome, order, "attendance", failed);
    }

    /** Retractions first (a record that moved to another natural key, or that nothing derives any more), then the uploads. */
    private void sendAssessments(String authorization, Set<AssessmentKey> keys, Map<Object, EdFiException> failed) {
        List<DerivationReader.AssessmentPlan> plans = reader.deriveAssessments(keys);
        if (plans.isEmpty()) {
            return;
        }
        List<SentStore.Sent> retract = plans.stream().map(DerivationReader.AssessmentPlan::retract).filter(x -> x != null).toList();
        try {
            performance.retractAssessments(authorization, retract);
        } catch (PerformanceClient.Refused r) {
            EdFiException e = refused(r);
            keys.forEach(k -> failed.put(k, e));
            return;
        }
        List<DerivationReader.AssessmentPlan> uploads = plans.stream().filter(p -> p.row() != null).toList();
        List<DerivationReader.AssessmentPlan> done = new ArrayList<>(plans.stream().filter(p -> p.row() == null).toList());
        if (!uploads.isEmpty()) {
            ArrayNode body = mapper.createArrayNode();
            uploads.forEach(p -> body.add(p.row()));
            try {
                PerformanceClient.Outcome outcome = performance.uploadAssessments(authorization, body);
                rejected(outcome, uploads.stream().map(DerivationReader.AssessmentPlan::key).toList(), "assessment", failed);
            } catch (PerformanceClient.Refused r) {
                EdFiException e = refused(r);
                uploads.forEach(p -> failed.put(p.key(), e));
            }
            uploads.stream().filter(p -> !failed.containsKey(p.key())).forEach(done::add);
        }
        reader.recordSent(done);
    }

    private static EdFiException refused(PerformanceClient.Refused r) {
        return r.status() == 401 || r.status() == 403 ? EdFiException.denied(r.getMessage())
                : r.status() >= 500 ? EdFiException.unavailable(r.getMessage())
                : EdFiException.conflict(r.getMessage());
    }

    private static void rejected(PerformanceClient.Outcome outcome, List<?> order, String kind, Map<Object, EdFiException> failed) {
        for (PerformanceClient.Rejected r : outcome.rejected()) {
            if (r.index() < 0 || r.index() >= order.size()) {
                continue;
            }
            Object key = order.get(r.index());
            if ("schoolId".equals(r.field()) && r.message().contains("scoped")) {
                failed.put(key, EdFiException.denied("performance-service refused the derived " + kind + " record: "
                        + "your client is not scoped to its school."));
            } else {
                // the field and the rule; the value (a student id) is not repeated
                failed.put(key, EdFiException.conflict("performance-service rejected the derived " + kind + " record ("
                        + r.field() + "): " + ("studentId".equals(r.field()) ? "the student id" : r.message())));
            }
        }
    }
}
