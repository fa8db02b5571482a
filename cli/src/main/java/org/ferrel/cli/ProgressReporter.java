package org.ferrel.cli;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ferrel.io.scenario.ProgressListener;

/**
 * Shows a run's progress on stderr in simulated days: a bar with throughput and ETA on a terminal,
 * or one log line per 10 % when stderr is a file or pipe (batch jobs).
 */
final class ProgressReporter implements ProgressListener {
    private final String mode;
    private final String name;
    private ProgressBar bar;
    private long total;
    private long first;
    private double dt;
    private long startNanos;
    private int lastDecile;

    private ProgressReporter(String mode, String name) {
        this.mode = mode;
        this.name = name;
    }

    static ProgressReporter of(String mode, String name) {
        String m = mode.toLowerCase(Locale.ROOT);
        if (m.equals("auto")) {
            java.io.Console c = System.console();
            m = c != null && c.isTerminal() ? "bar" : "log";
        }
        if (!m.equals("bar") && !m.equals("log") && !m.equals("none")) {
            throw new BadInputException("--progress: expected auto, bar, log or none, got \"" + mode + "\"");
        }
        return new ProgressReporter(m, name);
    }

    @Override
    public void started(long firstStep, long totalSteps, double timeStep) {
        this.first = firstStep;
        this.total = totalSteps;
        this.dt = timeStep;
        this.startNanos = System.nanoTime();
        this.lastDecile = (int) (10 * firstStep / Math.max(totalSteps, 1));
        if (mode.equals("bar")) {
            long stepsPerDay = Math.max(1, Math.round(86400 / timeStep));
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(totalSteps).setUnit(" days", stepsPerDay)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed(new java.text.DecimalFormat("0.0"))
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250)
                    .startsFrom(firstStep, java.time.Duration.ZERO).build();
        }
    }

    @Override
    public void advanced(long step) {
        if (bar != null) {
            bar.stepTo(step);
        } else if (mode.equals("log")) {
            int decile = (int) (10 * step / Math.max(total, 1));
            if (decile > lastDecile) {
                lastDecile = decile;
                double seconds = (System.nanoTime() - startNanos) * 1e-9;
                double days = (step - first) * dt / 86400;
                System.err.printf(Locale.ROOT, "ferrel run: %s: day %.2f of %.2f (%d%%), %.2f simulated days/s%n", name,
                        step * dt / 86400, total * dt / 86400, 10 * decile, days / Math.max(seconds, 1e-9));
            }
        }
    }

    @Override
    public void stopped() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
