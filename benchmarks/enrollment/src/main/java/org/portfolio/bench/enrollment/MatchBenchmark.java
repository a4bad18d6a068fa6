package org.portfolio.bench.enrollment;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.portfolio.enrollment.match.InstanceJson;
import org.portfolio.enrollment.match.ProgramMatch;
import org.portfolio.enrollment.match.SchoolChoiceInstance;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The in-process match of the generated 80,000-student, 700-program, 12-choice instance: from the parsed instance
 * (arrays) to every student's assignment, the same {@link SchoolChoiceInstance#match()} the CLI and the service run
 * (tie-break ranks, keys, deferred acceptance). Target ≤ 100 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 20)
@Fork(value = 2, jvmArgs = {"-Xmx2g"})
public class MatchBenchmark {

    @Param({""})
    public String instance;

    SchoolChoiceInstance inst;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path path;
        if (instance == null || instance.isBlank()) {
            path = Files.createTempFile("instance-80k-", ".json");
            GenerateInstance.write(path, 80_000, 700, 12, 8, 20261123L);
        } else {
            path = Path.of(instance);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            inst = InstanceJson.read(in);
        }
        if (instance == null || instance.isBlank()) {
            Files.delete(path);
        }
    }

    @Benchmark
    public int[] match80k() {
        return inst.match();
    }

    /** The deferred-acceptance part alone (keys already built), for comparison. */
    @Benchmark
    public ProgramMatch.Result matchFromPreparedInput(PreparedInput in) {
        return ProgramMatch.run(in.input);
    }

    @State(Scope.Benchmark)
    public static class PreparedInput {
        ProgramMatch.MatchInput input;

        @Setup(Level.Trial)
        public void prepare(MatchBenchmark b) {
            input = b.inst.toMatchInput();
        }
    }
}
