package org.portfolio.bench.enrollment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Writes a realistic school-choice-instance/v1 file: programs in zones with a skewed popularity (a Zipf-like weight
 * times a quality factor, and a home-zone preference), capacities whose total is about 1.07 seats per student, and
 * priorities 1 = sibling, 2 = zone, 3 = district, 4 = other.
 *
 * <pre>java -cp ... org.portfolio.bench.enrollment.GenerateInstance OUT.json [--students 80000] [--programs 700]
 *      [--choices 12] [--zones 8] [--seed 20261123]</pre>
 * Every student ranks exactly {@code --choices} programs (the worst case for the match).
 */
public final class GenerateInstance {

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: GenerateInstance OUT.json [--students N] [--programs N] [--choices K] [--zones Z] [--seed S]");
            System.exit(2);
        }
        int students = 80_000, programs = 700, choices = 12, zones = 8;
        long seed = 20261123L;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--students" -> students = Integer.parseInt(args[i + 1]);
                case "--programs" -> programs = Integer.parseInt(args[i + 1]);
                case "--choices" -> choices = Integer.parseInt(args[i + 1]);
                case "--zones" -> zones = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        write(Path.of(args[0]), students, programs, choices, zones, seed);
    }

    public static void write(Path out, int students, int programs, int choices, int zones, long seed) throws IOException {
        Instance inst = generate(students, programs, choices, zones, seed);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("{\"schema\":\"school-choice-instance/v1\",\"meta\":{\"name\":\"portfolio-generated\",\"seed\":" + seed
                    + ",\"students\":" + students + ",\"programs\":" + programs + ",\"choices\":" + choices + ",\"zones\":" + zones
                    + ",\"generator\":\"benchmarks/enrollment GenerateInstance\"},\n\"programs\":[");
            for (int p = 0; p < programs; p++) {
                w.write((p == 0 ? "" : ",") + "{\"id\":\"" + pid(p) + "\",\"capacity\":" + inst.capacity[p] + "}");
            }
            w.write("],\n\"students\":[\n");
            StringBuilder sb = new StringBuilder(256);
            for (int s = 0; s < students; s++) {
                sb.setLength(0);
                sb.append(s == 0 ? "" : ",\n").append("{\"id\":\"").append(sid(s)).append("\",\"lottery\":")
                        .append(inst.lottery[s]).append(",\"choices\":[");
                for (int j = 0; j < choices; j++) {
                    sb.append(j == 0 ? "\"" : ",\"").append(pid(inst.choice[s][j])).append('"');
                }
                sb.append("]}");
                w.write(sb.toString());
            }
            w.write("],\n\"priorities\":{");
            // priorities per program for the students who rank it
            int[] count = new int[programs];
            for (int s = 0; s < students; s++) {
                for (int j = 0; j < choices; j++) {
                    count[inst.choice[s][j]]++;
                }
            }
            int[][] applicants = new int[programs][];
            int[][] prio = new int[programs][];
            for (int p = 0; p < programs; p++) {
                applicants[p] = new int[count[p]];
                prio[p] = new int[count[p]];
                count[p] = 0;
            }
            for (int s = 0; s < students; s++) {
                for (int j = 0; j < choices; j++) {
                    int p = inst.choice[s][j];
                    applicants[p][count[p]] = s;
                    prio[p][count[p]++] = inst.priority[s][j];
                }
            }
            for (int p = 0; p < programs; p++) {
                sb.setLength(0);
                sb.append(p == 0 ? "\n\"" : ",\n\"").append(pid(p)).append("\":{");
                for (int i = 0; i < applicants[p].length; i++) {
                    sb.append(i == 0 ? "\"" : ",\"").append(sid(applicants[p][i])).append("\":").append(prio[p][i]);
                }
                sb.append('}');
                w.write(sb.toString());
            }
            w.write("}}\n");
        }
    }

    /** The generated instance in arrays (also used directly by the JMH benchmark and the service driver). */
    public static final class Instance {
        public int[] capacity;
        public int[] programZone;
        public int[] studentZone;
        public double[] lottery;
        public int[][] choice;
        public int[][] priority;
        /** sibling and district-priority flags per (student, choice), for the service driver's applicant data. */
        public boolean[][] sibling;
    }

    public static Instance generate(int students, int programs, int choices, int zones, long seed) {
        Random r = new Random(seed);
        Instance inst = new Instance();
        inst.programZone = new int[programs];
        double[] weight = new double[programs];
        double totalW = 0;
        for (int p = 0; p < programs; p++) {
            inst.programZone[p] = r.nextInt(zones);
            // Zipf-like skew over a random popularity order, times a log-normal quality factor
            weight[p] = Math.pow(1 + r.nextInt(programs), -0.9) * Math.exp(0.5 * r.nextGaussian());
            totalW += weight[p];
        }
        inst.capacity = new int[programs];
        double[] rawCap = new double[programs];
        double rawTotal = 0;
        for (int p = 0; p < programs; p++) {
            rawCap[p] = 40 + r.nextInt(200);
            rawTotal += rawCap[p];
        }
        for (int p = 0; p < programs; p++) {
            inst.capacity[p] = (int) Math.round(rawCap[p] * students * 1.07 / rawTotal);
        }
        // cumulative weights per zone preference: 60% of draws from the home zone
        double[][] cum = new double[zones + 1][programs];
        for (int z = 0; z <= zones; z++) {
            double acc = 0;
            for (int p = 0; p < programs; p++) {
                acc += z == zones || inst.programZone[p] == z ? weight[p] : 0;
                cum[z][p] = acc;
            }
        }
        inst.studentZone = new int[students];
        inst.lottery = new double[students];
        inst.choice = new int[students][choices];
        inst.priority = new int[students][choices];
        inst.sibling = new boolean[students][choices];
        Set<Double> lotteries = new HashSet<>(students * 2);
        Set<Integer> picked = new HashSet<>();
        int k = Math.min(choices, programs);
        for (int s = 0; s < students; s++) {
            int zone = r.nextInt(zones);
            inst.studentZone[s] = zone;
            double lot;
            do {
                lot = r.nextDouble();
            } while (!lotteries.add(lot));
            inst.lottery[s] = lot;
            picked.clear();
            for (int j = 0; j < k; j++) {
                int p;
                int tries = 0;
                do {
                    double[] c = r.nextDouble() < 0.6 && tries < 50 ? cum[zone] : cum[zones];
                    double x = r.nextDouble() * c[programs - 1];
                    p = search(c, x);
                    tries++;
                } while (!picked.add(p));
                inst.choice[s][j] = p;
                boolean sib = r.nextDouble() < 0.04;
                inst.sibling[s][j] = sib;
                inst.priority[s][j] = sib ? 1 : inst.programZone[p] == zone ? 2 : r.nextDouble() < 0.3 ? 3 : 4;
            }
        }
        return inst;
    }

    private static int search(double[] cum, double x) {
        int lo = 0, hi = cum.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static String pid(int p) {
        return String.format(Locale.ROOT, "P%04d", p + 1);
    }

    static String sid(int s) {
        return String.format(Locale.ROOT, "S%06d", s + 1);
    }
}
