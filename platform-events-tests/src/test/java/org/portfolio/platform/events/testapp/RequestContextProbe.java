package org.portfolio.platform.events.testapp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the request contexts activated, per thread name (a consumer's thread is {@code consumer-<handler name>}). */
@ApplicationScoped
public class RequestContextProbe {

    private static final Map<String, AtomicLong> ACTIVATIONS = new ConcurrentHashMap<>();

    void activated(@Observes @Initialized(RequestScoped.class) Object ignored) {
        ACTIVATIONS.computeIfAbsent(Thread.currentThread().getName(), t -> new AtomicLong()).incrementAndGet();
    }

    public static long activationsOn(String threadName) {
        AtomicLong n = ACTIVATIONS.get(threadName);
        return n == null ? 0 : n.get();
    }
}
