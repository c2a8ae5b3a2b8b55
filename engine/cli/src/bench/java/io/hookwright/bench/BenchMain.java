package io.hookwright.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the benchmarks as {@code org.openjdk.jmh.Main} does (same command-line options; with no benchmark named,
 * {@link MatchRenderBenchmark} only), then prints, for each benchmark, the throughput at 1000 webhooks over the
 * throughput at 10 with its error (the two relative errors added in quadrature).
 * {@code java -cp hookwright-bench.jar io.hookwright.bench.BenchMain [JMH options] [benchmark regex]}
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = new CommandLineOptions(args);
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Options chosen = options.getIncludes().isEmpty()
                ? new OptionsBuilder().parent(options).include(MatchRenderBenchmark.class.getSimpleName()).build()
                : options;
        Collection<RunResult> results = new Runner(chosen).run();
        Map<String, Map<Integer, Result<?>>> byBenchmark = new LinkedHashMap<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark();
            String n = run.getParams().getParam("definitions");
            if (n != null) {
                byBenchmark.computeIfAbsent(name.substring(name.lastIndexOf('.') + 1), k -> new TreeMap<>())
                        .put(Integer.parseInt(n), run.getPrimaryResult());
            }
        }
        System.out.println();
        System.out.println("Throughput at 1000 webhooks / at 10 webhooks (events/s; error: 99.9% CI, relative errors "
                + "in quadrature):");
        for (var entry : byBenchmark.entrySet()) {
            Result<?> small = entry.getValue().get(10);
            Result<?> large = entry.getValue().get(1000);
            if (small == null || large == null) {
                continue;
            }
            double ratio = large.getScore() / small.getScore();
            double error = ratio * Math.hypot(relative(small), relative(large));
            System.out.printf("  %-16s %,14.0f / %,14.0f = %.3f ± %.3f  (%.1fx slower)%n", entry.getKey(),
                    large.getScore(), small.getScore(), ratio, error, 1 / ratio);
        }
    }

    private static double relative(Result<?> result) {
        double error = result.getScoreError();
        return Double.isNaN(error) ? 0 : error / result.getScore();
    }
}
