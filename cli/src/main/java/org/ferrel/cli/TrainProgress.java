package org.ferrel.cli;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ferrel.calibration.hybrid.HybridTraining;

/**
 * Shows training on stderr: one line per stage, then a bar per stage over its batches with the
 * latest loss on a terminal, or one log line per epoch when stderr is a file or pipe.
 */
final class TrainProgress implements HybridTraining.Listener {
    private final String mode;
    private ProgressBar bar;
    private String barStage;
    private int lastEpoch;

    private TrainProgress(String mode) {
        this.mode = mode;
    }

    static TrainProgress of(String mode) {
        String m = mode.toLowerCase(Locale.ROOT);
        if (m.equals("auto")) {
            java.io.Console c = System.console();
            m = c != null && c.isTerminal() ? "bar" : "log";
        }
        if (!m.equals("bar") && !m.equals("log") && !m.equals("none")) {
            throw new BadInputException("--progress: expected auto, bar, log or none, got \"" + mode + "\"");
        }
        return new TrainProgress(m);
    }

    @Override
    public void stage(String message) {
        stopped();
        if (!mode.equals("none")) {
            System.err.println("ferrel train: " + message);
        }
    }

    @Override
    public void progress(String stage, int epoch, int epochs, int batch, int batches, double loss) {
        if (mode.equals("bar")) {
            if (bar == null || !stage.equals(barStage)) {
                stopped();
                barStage = stage;
                bar = new ProgressBarBuilder().setTaskName(stage).setInitialMax((long) epochs * batches)
                        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .setUpdateIntervalMillis(250).build();
            }
            bar.stepTo((long) (epoch - 1) * batches + batch);
            bar.setExtraMessage(Double.isNaN(loss) ? "" : String.format(Locale.ROOT, " loss %.4g", loss));
        } else if (mode.equals("log") && batch == batches && (epoch != lastEpoch || !stage.equals(barStage))) {
            lastEpoch = epoch;
            barStage = stage;
            System.err.printf(Locale.ROOT, "ferrel train: %s: %d of %d%s%n", stage, stage.endsWith("truth") ? batch : epoch,
                    stage.endsWith("truth") ? batches : epochs, Double.isNaN(loss) ? "" : String.format(Locale.ROOT, ", loss %.6g", loss));
        }
    }

    void stopped() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
