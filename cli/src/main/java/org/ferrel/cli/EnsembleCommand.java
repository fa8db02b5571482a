package org.ferrel.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ferrel.cluster.ensemble.Ensemble;
import org.ferrel.cluster.ensemble.EnsembleFile;
import org.ferrel.cluster.spark.EnsembleJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferrel ensemble ensemble.yaml}. */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = {"Runs an ensemble of a scenario on Apache Spark: members from prior sampling, a Latin hypercube or a grid sweep",
            "over named parameters, and/or perturbed initial states. Writes member-XXXX.nc per member, ensemble-statistics.nc",
            "(mean, spread, quantiles) and summary.csv/summary.json into the output directory (a path or a Hadoop URI).",
            "Spark runs embedded (local[*]) unless --master or spark-submit names a cluster."},
        footer = {"", "Examples:", "  ferrel ensemble drag.yaml                              # embedded Spark, into ./ferrel-out/NAME-ensemble",
            "  ferrel ensemble drag.yaml --master spark://head:7077 -o hdfs://nn/ens/drag",
            "  ferrel ensemble drag.yaml -o out --resume              # run only the members without complete output"})
final class EnsembleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ENSEMBLE", description = "ensemble file (YAML)")
    Path ensembleFile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "output directory or URI (default: ./ferrel-out/NAME-ensemble)")
    String output;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[*] (default), local[N], spark://HOST:PORT, yarn")
    String master;

    @Option(names = "--resume", description = "continue the ensemble in DIR: run only the members without complete output")
    boolean resume;

    @Override
    public Integer call() throws IOException {
        SparkClasspath.check("ensemble");
        Ensemble e = EnsembleFile.read(ensembleFile);
        String dir = output != null ? output : Path.of("ferrel-out", e.name() + "-ensemble").toString();
        System.err.printf(Locale.ROOT, "ferrel ensemble: %s (%s): %d members of %s into %s%n", e.name(), e.origin(), e.memberCount(),
                e.scenario().name(), dir);
        EnsembleJob.Result r = EnsembleJob.run(e, new EnsembleJob.Options(dir, resume, master,
                line -> System.err.println("ferrel ensemble: " + line)));
        System.err.printf(Locale.ROOT, "ferrel ensemble: done: %d members, %d failed, %d kept from before; summary in %s%n",
                r.results().size(), r.failed(), r.reused(), r.summary());
        System.out.println(dir);
        return r.failed() == r.results().size() ? Ferrel.RUN_FAILED : 0;
    }
}
