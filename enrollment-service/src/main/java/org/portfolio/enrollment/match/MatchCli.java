package org.portfolio.enrollment.match;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code ./portfolio match INSTANCE.json OUT.json}: the service's matching code on a school-choice-instance/v1 file,
 * without starting the service. Writes the assignment and prints exactly one line
 * {@code TIMING {"match_s": …, "total_s": …}} (match = from the parsed instance to the assignment; total = from
 * start of reading to end of writing).
 */
public final class MatchCli {

    private MatchCli() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: MatchCli INSTANCE.json OUT.json");
            System.exit(2);
        }
        try {
            System.out.println(run(Path.of(args[0]), Path.of(args[1])));
        } catch (InstanceJson.InvalidInstanceException e) {
            System.err.println("invalid instance: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("cannot read or write: " + e);
            System.exit(1);
        }
    }

    /** Runs the match on a file and returns the TIMING line. */
    public static String run(Path in, Path out) throws IOException {
        long t0 = System.nanoTime();
        SchoolChoiceInstance inst;
        try (InputStream is = new BufferedInputStream(Files.newInputStream(in), 1 << 16)) {
            inst = InstanceJson.read(is);
        }
        long t1 = System.nanoTime();
        int[] assigned = inst.match();
        long t2 = System.nanoTime();
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            InstanceJson.writeAssignment(inst, assigned, os);
        }
        long t3 = System.nanoTime();
        return String.format(Locale.ROOT, "TIMING {\"match_s\": %.6f, \"total_s\": %.6f}", (t2 - t1) / 1e9, (t3 - t0) / 1e9);
    }
}
