import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver of benchmarks/edfi/run.sh (issue 17): an SIS pushes Ed-Fi attendance events through the gateway's /edfi/
 * door, one per request over N connections, against a running suite. Seeds through the public API (schools opened and
 * mapped to Ed-Fi ids, an SIS client, sessions and enrollments through /edfi/), posts WARMUP Excused Absence events
 * (not recorded; on the school days after those of the recorded run, so that the warm-up takes the same path: every
 * event changes its student's record, which goes on to performance-service), then EVENTS Excused Absence events on
 * distinct school days, and prints events/s and
 * latency percentiles; then waits for the door's derivation queue to drain (GET /edfi/derivations/status: the answers
 * come once the resources are stored, the derived records follow) and prints how long that took; finally checks one
 * school's days absent in performance-service against what was posted.
 *
 * <p>java -cp 'embedded-infra/target/lib/*' benchmarks/edfi/EdFiAttendanceBench.java --gateway URL --home PORTFOLIO_HOME
 * [--events 100000] [--threads 8] [--schools 10] [--students 100] [--warmup 60000]
 */
public class EdFiAttendanceBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    static final String NS = "uri://ed-fi.org/AttendanceEventCategoryDescriptor";
    static String gateway;

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        gateway = o.get("gateway");
        int events = Integer.parseInt(o.getOrDefault("events", "100000"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "8"));
        int schools = Integer.parseInt(o.getOrDefault("schools", "10"));
        int students = Integer.parseInt(o.getOrDefault("students", "100"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "60000"));
        Path home = Path.of(o.get("home"));

        List<LocalDate> days = new ArrayList<>();
        addWeekdays(days, LocalDate.of(2021, 8, 23), LocalDate.of(2021, 12, 17));
        addWeekdays(days, LocalDate.of(2022, 1, 4), LocalDate.of(2022, 5, 27));
        int all = schools * students;
        int perStudent = (events + all - 1) / all;
        if (perStudent + (warmup + all - 1) / all > days.size()) {
            throw new IllegalArgumentException("more events per student (recorded and warm-up) than the " + days.size() + " school days: raise --schools or --students");
        }

        // --- seeding ------------------------------------------------------------------------------------------------
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(home.resolve("keys/bootstrap-admin.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        String bootstrap = token("/oauth/token", env.get("PORTFOLIO_GATEWAY_BOOTSTRAP_CLIENT_ID"), env.get("PORTFOLIO_GATEWAY_BOOTSTRAP_CLIENT_SECRET"));
        String admin = token("/oauth/token", client(bootstrap, "edfi bench admin", List.of("DISTRICT_ADMIN"), List.of()));
        String body = must(post("/api/oversight-bodies", admin, Map.of("name", "Ed-Fi Bench Board " + UUID.randomUUID(),
                "kind", "SCHOOL_BOARD", "contactEmail", "board@edfi-bench.example.org")), 201).json().path("id").asText();
        long base = ThreadLocalRandom.current().nextLong(100_000_000L, 900_000_000L);
        List<String> ours = new ArrayList<>();
        for (int s = 0; s < schools; s++) {
            String code = "EDFI-" + s + "-" + UUID.randomUUID().toString().substring(0, 4);
            Map<String, Object> school = new LinkedHashMap<>();
            school.put("districtCode", code);
            school.put("name", "Ed-Fi Bench School " + code);
            school.put("type", "CHARTER");
            school.put("grades", List.of("6", "7", "8"));
            school.put("zone", "Z1");
            school.put("oversightBodyId", body);
            String id = must(post("/api/schools", admin, school), 201).json().path("id").asText();
            must(post("/api/schools/" + id + "/decisions", admin, Map.of("decision", "OPEN", "reason", "Approved by the board")), 201);
            ours.add(id);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!ours.stream().allMatch(get("/api/performance/schools", null).body()::contains)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("performance-service does not know the schools after 2 minutes");
            }
            Thread.sleep(500);
        }
        for (int s = 0; s < schools; s++) {
            must(post("/edfi/mappings/schools", admin, Map.of("edfiSchoolId", base + s, "schoolId", ours.get(s))), 200);
        }
        String[] sisClient = client(bootstrap, "edfi bench SIS", List.of("SIS"), ours);
        String sis = token("/edfi/oauth/token", sisClient);
        for (int s = 0; s < schools; s++) {
            for (String[] session : new String[][]{{"Fall", "2021-08-23", "2021-12-17", "81"}, {"Spring", "2022-01-04", "2022-05-27", "88"}}) {
                must(post("/edfi/data/v3/ed-fi/sessions", sis, Map.of("schoolReference", Map.of("schoolId", base + s),
                        "schoolYearTypeReference", Map.of("schoolYear", 2022), "sessionName", session[0], "beginDate", session[1],
                        "endDate", session[2], "termDescriptor", "uri://ed-fi.org/TermDescriptor#" + session[0] + " Semester",
                        "totalInstructionalDays", Integer.parseInt(session[3]))), 201, 200);
            }
        }
        long t0 = System.nanoTime();
        AtomicInteger failures = new AtomicInteger();
        run(all, threads, (c, i) -> post("/edfi/data/v3/ed-fi/studentSchoolAssociations", sis, Map.of(
                "studentReference", Map.of("studentUniqueId", student(i)), "schoolReference", Map.of("schoolId", base + i / students),
                "entryDate", "2021-08-23", "entryGradeLevelDescriptor", "uri://ed-fi.org/GradeLevelDescriptor#Sixth grade",
                "schoolYearTypeReference", Map.of("schoolYear", 2022))), null, failures, sis);
        System.out.printf("seeded %d schools, %d sessions, %d enrollments (%.1f s for the enrollments, %d failed)%n", schools,
                2 * schools, all, (System.nanoTime() - t0) / 1e9, failures.get());

        // --- warm-up (its own school days, after the recorded run's) and the recorded run ----------------------------------
        failures.set(0);
        t0 = System.nanoTime();
        run(warmup, threads, (c, i) -> c.post(EVENTS, eventJson(base, students, all, days, perStudent * all + i, "Excused Absence")), null, failures, sis);
        System.out.printf("warm-up: %d events in %.1f s (%d failed), not recorded%n", warmup, (System.nanoTime() - t0) / 1e9, failures.get());
        // the seeding's and the warm-up's derived records first (the door answers once a write is stored; records follow)
        System.out.printf("derivation queue of the seeding and the warm-up drained in %.1f s%n", drain(admin) / 1e9);
        failures.set(0);
        long[] latencies = new long[events];
        Map<String, Long> cpu0 = cpu(home);
        Map<String, Long> jit0 = jit(home);
        long[] machine0 = machine();
        homeForHalf = home;
        t0 = System.nanoTime();
        run(events, threads, (c, i) -> c.post(EVENTS, eventJson(base, students, all, days, i, "Excused Absence")), latencies,
                failures, sis);
        long end = System.nanoTime();
        double seconds = (end - t0) / 1e9;
        Map<String, Long> cpu1 = cpu(home);
        Map<String, Long> jit1 = jit(home);
        long[] machine1 = machine();
        double firstHalf = (halfway - t0) / 1e9;
        System.out.printf("rate: first half %.0f events/s (%.1f s), second half %.0f events/s (%.1f s)%n",
                (events / 2) / firstHalf, firstHalf, (events - events / 2) / ((end - halfway) / 1e9), (end - halfway) / 1e9);
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf("Ed-Fi attendance events: %d posted one per request over %d connections in %.1f s: %.0f events/s; "
                        + "latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %d failed%n", events, threads, seconds, events / seconds,
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1] / 1e6, failures.get());

        // where the CPU went during the recorded run (the machine's 2 cores are the budget: 2,000 ms of CPU a second)
        StringBuilder where = new StringBuilder();
        long total = 0;
        for (String c : cpu1.keySet()) {
            long ms = cpu1.get(c) - cpu0.getOrDefault(c, 0L);
            total += ms;
            where.append(String.format("%s %.0f s (%.2f ms/event), ", c, ms / 1e3, ms / (double) events));
        }
        System.out.printf("CPU during the recorded run (%.0f s wall, %.0f s of CPU available on %d cores): %stotal %.0f s = %.2f ms of CPU per event%n",
                seconds, seconds * Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors(), where,
                total / 1e3, total / (double) events);
        // the machine as a whole (/proc/stat): busy, idle, and the time the hypervisor gave the cores to others (steal)
        System.out.printf("machine during the recorded run (/proc/stat): busy %.0f s, idle %.0f s, iowait %.0f s, steal %.0f s%n",
                (machine1[0] - machine0[0]) / 100.0, (machine1[1] - machine0[1]) / 100.0, (machine1[2] - machine0[2]) / 100.0,
                (machine1[3] - machine0[3]) / 100.0);
        // each half apart (is the first half slower for the JIT, or for something else?), and the JIT's compiler threads
        if (cpuHalf != null) {
            StringBuilder halves = new StringBuilder();
            long t1 = 0;
            long t2 = 0;
            for (String c : cpu1.keySet()) {
                long a = cpuHalf.getOrDefault(c, 0L) - cpu0.getOrDefault(c, 0L);
                long b = cpu1.get(c) - cpuHalf.getOrDefault(c, 0L);
                t1 += a;
                t2 += b;
                halves.append(String.format("%s %.2f / %.2f, ", c, a / (double) (events / 2), b / (double) (events - events / 2)));
            }
            System.out.printf("CPU ms per event, first half / second half: %stotal %.2f / %.2f%n", halves,
                    t1 / (double) (events / 2), t2 / (double) (events - events / 2));
            StringBuilder j = new StringBuilder();
            long jt1 = 0;
            long jt2 = 0;
            Map<String, Long> firstJit = jitDelta(jit0, jitHalf);
            Map<String, Long> secondJit = jitDelta(jitHalf, jit1);
            java.util.Set<String> jvms = new java.util.TreeSet<>(firstJit.keySet());
            jvms.addAll(secondJit.keySet());
            for (String c : jvms) {
                long a = firstJit.getOrDefault(c, 0L);
                long b = secondJit.getOrDefault(c, 0L);
                jt1 += a;
                jt2 += b;
                if (a + b >= 500) {
                    j.append(String.format("%s %.1f / %.1f s, ", c, a / 1e3, b / 1e3));
                }
            }
            System.out.printf("of which the JIT compiler threads (C1, C2; lower bounds: a thread that ended in between is not counted), first half / "
                    + "second half: %stotal %.1f / %.1f s%n", j, jt1 / 1e3, jt2 / 1e3);
        }

        // --- the derived records follow the answers: wait for the door's queue to drain --------------------------------------
        long drainNanos = drain(admin);
        JsonNode status = must(get("/edfi/derivations/status", admin), 200).json();
        System.out.printf("derivation queue drained %.1f s after the last answer (%d problems reported); writes + derivation: %.1f s, "
                + "%.0f events/s end to end%n", drainNanos / 1e9, status.path("problems").asLong(), seconds + drainNanos / 1e9,
                events / (seconds + drainNanos / 1e9));

        // --- check: the first school's days absent in performance-service are the events posted for its students ----------
        long expected = 0;
        for (int i = 0; i < events; i++) {
            if ((i % all) / students == 0) {
                expected++;
            }
        }
        for (int i = 0; i < warmup; i++) { // the warm-up's absences count too (event perStudent * all + i)
            if (((perStudent * all + i) % all) / students == 0) {
                expected++;
            }
        }
        // every page (a school may have more students than one page holds)
        BigDecimal absent = BigDecimal.ZERO;
        long stored = -1;
        long seen = 0;
        for (int page = 0; stored < 0 || seen < stored; page++) {
            JsonNode records = must(get("/api/performance/student-records/attendance?schoolId=" + ours.get(0)
                    + "&schoolYear=2021-22&size=1000&page=" + page, sis), 200).json();
            stored = records.path("total").asLong();
            if (records.path("items").isEmpty()) {
                break;
            }
            for (JsonNode r : records.path("items")) {
                absent = absent.add(r.path("daysAbsent").decimalValue());
                seen++;
            }
        }
        boolean ok = absent.compareTo(BigDecimal.valueOf(expected)) == 0 && stored == students && seen == students;
        System.out.printf("check: school 1 has %d attendance records (%d read) and %s days absent in performance-service (posted: %d students, %d absences): %s%n",
                stored, seen, absent.toPlainString(), students, expected, ok ? "OK" : "MISMATCH");
        if (failures.get() > 0 || !ok) {
            System.exit(1);
        }
    }

    static String student(int i) {
        return "B" + String.format("%06d", i);
    }

    static final String EVENTS = "/edfi/data/v3/ed-fi/studentSchoolAttendanceEvents";

    /**
     * Event i: student i mod all (of school student / students), on its (i / all)-th school day, as the JSON an SIS
     * sends (written directly: the driver's own CPU is counted against the machine's 2 cores, so it stays lean).
     */
    static byte[] eventJson(long base, int students, int all, List<LocalDate> days, int i, String category) {
        int student = i % all;
        long school = base + student / students;
        LocalDate day = days.get(i / all);
        return ("{\"attendanceEventCategoryDescriptor\":\"" + NS + "#" + category + "\",\"eventDate\":\"" + day
                + "\",\"schoolReference\":{\"schoolId\":" + school + "},\"sessionReference\":{\"schoolId\":" + school
                + ",\"schoolYear\":2022,\"sessionName\":\"" + (day.getYear() == 2021 ? "Fall" : "Spring")
                + "\"},\"studentReference\":{\"studentUniqueId\":\"" + student(student) + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    interface Call {
        Answer call(Conn connection, int i) throws Exception;
    }

    /**
     * One kept-alive HTTP/1.1 connection to the gateway, one request at a time (a worker's own): the request's head
     * written from bytes prepared once, the answer read by its Content-Length or chunks. java.net.http's client cost
     * the driver about 0.33 ms of CPU per request on the reference machine, a share of the 2 cores the suite then lacked.
     */
    static final class Conn implements AutoCloseable {
        private final String host;
        private final int port;
        private final String token;
        private java.net.Socket socket;
        private java.io.InputStream in;
        private java.io.OutputStream out;

        Conn(String gatewayUrl, String token) {
            URI u = URI.create(gatewayUrl);
            this.host = u.getHost();
            this.port = u.getPort();
            this.token = token;
        }

        Answer post(String path, byte[] body) throws java.io.IOException {
            if (socket == null) {
                socket = new java.net.Socket(host, port);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(60_000);
                in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
                out = new java.io.BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            }
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String status = line();
            if (status == null || !status.startsWith("HTTP/1.1 ")) {
                close();
                return new Answer(0, "no answer: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String h; (h = line()) != null && !h.isEmpty(); ) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                    closes = true;
                }
            }
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            if (chunked) {
                for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
                    answer.write(in.readNBytes((int) size));
                    line();
                }
                for (String t; (t = line()) != null && !t.isEmpty(); ) {
                    // trailers
                }
            } else if (length > 0) {
                answer.write(in.readNBytes((int) length));
            } else if (length < 0) {
                answer.write(in.readAllBytes());
                closes = true;
            }
            if (closes) {
                close();
            }
            return new Answer(code, answer.toString(StandardCharsets.UTF_8));
        }

        private String line() throws java.io.IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c; (c = in.read()) != -1; ) {
                if (c == '\n') {
                    int n = b.length();
                    return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
                }
                b.append((char) c);
            }
            return b.length() == 0 ? null : b.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (java.io.IOException ignored) {
                    // closing
                }
                socket = null;
            }
        }
    }

    /** When the last run's call n/2 was taken (the rate of each half of the recorded run). */
    static volatile long halfway;
    /** The CPU figures at that moment (the recorded run's). */
    static volatile Map<String, Long> cpuHalf;
    static volatile Map<String, Long> jitHalf;
    static volatile Path homeForHalf;

    /**
     * Calls 0..n-1 over `threads` threads, each with its own kept-alive connection and one request at a time;
     * latencies[i] when given; non-2xx counted.
     */

    static void run(int n, int threads, Call call, long[] latencies, AtomicInteger failures, String token) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong lastReport = new AtomicLong(System.nanoTime());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                Conn c = new Conn(gateway, token);
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    long s = System.nanoTime();
                    if (i == n / 2) {
                        halfway = s;
                        if (homeForHalf != null) {
                            cpuHalf = cpu(homeForHalf);
                            jitHalf = jit(homeForHalf);
                        }
                    }
                    Answer a;
                    try {
                        a = call.call(c, i);
                    } catch (Exception e) {
                        c.close();
                        a = new Answer(0, e.toString());
                    }
                    long took = System.nanoTime() - s;
                    if (latencies != null) {
                        latencies[i] = took;
                    }
                    if (a.status() < 200 || a.status() > 299) {
                        if (failures.incrementAndGet() <= 5) {
                            System.out.println("failed: " + a.status() + " " + a.body());
                        }
                    }
                    long last = lastReport.get();
                    if (System.nanoTime() - last > 10_000_000_000L && lastReport.compareAndSet(last, System.nanoTime())) {
                        System.out.printf("  ... %d of %d%n", i, n);
                    }
                }
                c.close();
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
    }

    static void addWeekdays(List<LocalDate> out, LocalDate from, LocalDate to) {
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                out.add(d);
            }
        }
    }

    /** An API client: {clientId, clientSecret}. */
    static String[] client(String bootstrap, String name, List<String> roles, List<String> schools) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", name + " " + UUID.randomUUID());
        request.put("roles", roles);
        request.put("schools", schools);
        JsonNode c = must(post("/api/admin/clients", bootstrap, request), 201).json();
        return new String[]{c.path("clientId").asText(), c.path("clientSecret").asText()};
    }

    static String token(String path, String[] client) {
        return token(path, client[0], client[1]);
    }

    static String token(String path, String id, String secret) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        return must(send(r), 200).json().path("access_token").asText();
    }

    /**
     * CPU milliseconds used so far by each process of the stack (./portfolio's pid files: the services and the infra
     * JVM; PostgreSQL: the postmaster and every backend, children of the postmaster) and by this driver. Linux /proc only.
     */
    static Map<String, Long> cpu(Path home) {
        Map<String, Long> out = new java.util.TreeMap<>();
        long tick = 100; // USER_HZ
        try {
            try (var files = Files.list(home.resolve("run"))) {
                for (Path f : files.filter(x -> x.toString().endsWith(".pid")).toList()) {
                    String name = f.getFileName().toString().replace(".pid", "");
                    out.put(name, ticks(Long.parseLong(Files.readString(f).trim())) * 1000 / tick);
                }
            }
            Path pm = home.resolve("data/postgres/postmaster.pid");
            if (Files.exists(pm)) {
                long postmaster = Long.parseLong(Files.readAllLines(pm).get(0).trim());
                String[] pmStat = stat(Path.of("/proc/" + postmaster));
                // the postmaster, the backends it has reaped (cutime, cstime) and those alive
                long sum = pmStat == null ? 0 : Long.parseLong(pmStat[11]) + Long.parseLong(pmStat[12]) + Long.parseLong(pmStat[13])
                        + Long.parseLong(pmStat[14]);
                try (var procs = Files.list(Path.of("/proc"))) {
                    for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                        try {
                            String[] st = stat(p);
                            if (st != null && Long.parseLong(st[1]) == postmaster) {
                                sum += Long.parseLong(st[11]) + Long.parseLong(st[12]);
                            }
                        } catch (Exception ignored) {
                            // gone
                        }
                    }
                }
                out.put("postgresql", sum * 1000 / tick);
            }
            out.put("driver", ticks(ProcessHandle.current().pid()) * 1000 / tick);
        } catch (Exception e) {
            System.out.println("(no CPU figures: " + e + ")");
        }
        return out;
    }

    /**
     * JIT CPU ms per service between two {@link #jit} snapshots: each compiler thread alive at the end counts what it
     * used since the first (all of it if it started in between); one that ended in between is not counted (HotSpot
     * starts and ends compiler threads as the work comes and goes), so the figures are lower bounds.
     */
    static Map<String, Long> jitDelta(Map<String, Long> from, Map<String, Long> to) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (var e : to.entrySet()) {
            out.merge(e.getKey().substring(0, e.getKey().indexOf('/')), e.getValue() - from.getOrDefault(e.getKey(), 0L), Long::sum);
        }
        return out;
    }

    /** The machine's clock ticks so far (/proc/stat's cpu line): busy (user+nice+system+irq+softirq), idle, iowait, steal. */
    static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            return new long[]{busy, Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[8])};
        } catch (Exception e) {
            return new long[4];
        }
    }

    /**
     * CPU milliseconds of the JIT compiler threads (C1 and C2) of each JVM of the stack now alive, per thread
     * ("service/tid"): compare two snapshots with {@link #jitDelta}.
     */
    static Map<String, Long> jit(Path home) {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (var files = Files.list(home.resolve("run"))) {
            for (Path f : files.filter(x -> x.toString().endsWith(".pid")).toList()) {
                String name = f.getFileName().toString().replace(".pid", "");
                Path tasks = Path.of("/proc/" + Files.readString(f).trim() + "/task");
                if (Files.isDirectory(tasks)) {
                    try (var ts = Files.list(tasks)) {
                        for (Path t : ts.toList()) {
                            try {
                                String comm = Files.readString(t.resolve("comm")).trim();
                                if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                                    String[] st = stat(t);
                                    if (st != null) { // USER_HZ 100: ticks of 10 ms
                                        out.put(name + "/" + t.getFileName(), (Long.parseLong(st[11]) + Long.parseLong(st[12])) * 10);
                                    }
                                }
                            } catch (Exception ignored) {
                                // the thread ended
                            }
                        }
                    }
                }
            }
        } catch (Exception e) {
            System.out.println("(no JIT figures: " + e + ")");
        }
        return out;
    }

    /** utime + stime of a process (and of its exited children it waited for), in clock ticks. */
    static long ticks(long pid) {
        try {
            String[] st = stat(Path.of("/proc/" + pid));
            return st == null ? 0 : Long.parseLong(st[11]) + Long.parseLong(st[12]);
        } catch (Exception e) {
            return 0;
        }
    }

    /** The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, … [11] utime, [12] stime. */
    static String[] stat(Path proc) throws java.io.IOException {
        Path f = proc.resolve("stat");
        if (!Files.exists(f)) {
            return null;
        }
        String s = Files.readString(f);
        return s.substring(s.lastIndexOf(')') + 2).split(" ");
    }

    /** Polls GET /edfi/derivations/status until nothing is pending; the nanoseconds it took (at most 30 minutes). */
    static long drain(String admin) throws InterruptedException {
        long t0 = System.nanoTime();
        while (true) {
            long pending = must(get("/edfi/derivations/status", admin), 200).json().path("pending").asLong();
            if (pending == 0) {
                return System.nanoTime() - t0;
            }
            if (System.nanoTime() - t0 > Duration.ofMinutes(30).toNanos()) {
                throw new IllegalStateException("the derivation queue did not drain in 30 minutes: " + pending + " pending");
            }
            Thread.sleep(200);
        }
    }

    static Answer get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    static Answer post(String path, String token, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return send(b.build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Answer send(HttpRequest r) {
        try {
            HttpResponse<String> a = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
            return new Answer(a.statusCode(), a.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        } catch (Exception e) {
            return new Answer(0, e.toString());
        }
    }

    static Answer must(Answer a, int... expected) {
        for (int e : expected) {
            if (a.status() == e) {
                return a;
            }
        }
        throw new IllegalStateException("expected " + Arrays.toString(expected) + ", got " + a.status() + ": " + a.body());
    }
}
