package org.ferrel.calibration.hybrid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrel.hybrid.online.OnlineTrainer;
import org.ferrel.hybrid.train.Adam;
import org.ferrel.io.netcdf.ArrayFile;
import org.ferrel.io.netcdf.NetcdfFileException;

/**
 * The online stage's state after an epoch ({@link OnlineTrainer.Progress}), as NetCDF: weights
 * ({@code w<i>}), Adam's moments ({@code m<i>}, {@code v<i>}: the {@link Adam.Snapshot}), the epoch,
 * Adam's step count, the losses and epoch times so far, and the digest of the configuration it
 * belongs to. Written atomically after every epoch; a resume reads it and continues bit for bit.
 * Format version 1.
 */
public final class TrainingCheckpoint {
    private TrainingCheckpoint() {
    }

    public static void write(Path file, OnlineTrainer.Progress p, String configDigest) throws IOException {
        List<ArrayFile.Variable> vars = new ArrayList<>();
        double[][][] groups = {p.weights(), p.adam().firstMoments(), p.adam().secondMoments()};
        String[] prefix = {"w", "m", "v"};
        for (int g = 0; g < 3; g++) {
            for (int i = 0; i < groups[g].length; i++) {
                vars.add(new ArrayFile.Variable(prefix[g] + i, List.of("n" + i), new int[] {groups[g][i].length}, groups[g][i], Map.of()));
            }
        }
        int epochs = p.epochLosses().size();
        vars.add(new ArrayFile.Variable("epoch_loss", List.of("epoch"), new int[] {epochs},
                p.epochLosses().stream().mapToDouble(Double::doubleValue).toArray(), Map.of()));
        vars.add(new ArrayFile.Variable("epoch_seconds", List.of("epoch"), new int[] {epochs},
                p.epochSeconds().stream().mapToDouble(Double::doubleValue).toArray(), Map.of()));
        Map<String, String> a = new LinkedHashMap<>();
        a.put("title", "Ferrel online-training checkpoint");
        a.put("ferrel_checkpoint_version", "1");
        a.put("config_digest", configDigest);
        a.put("next_epoch", Integer.toString(p.nextEpoch()));
        a.put("adam_steps", Long.toString(p.adam().steps()));
        a.put("weight_arrays", Integer.toString(p.weights().length));
        ArrayFile.write(file, new ArrayFile.Content(a, vars));
    }

    /**
     * Reads a checkpoint.
     *
     * @throws NetcdfFileException when it belongs to another configuration or is not a checkpoint
     */
    public static OnlineTrainer.Progress read(Path file, String configDigest) throws IOException {
        ArrayFile.Content c = ArrayFile.read(file);
        if (!"1".equals(c.attribute("ferrel_checkpoint_version"))) {
            throw new NetcdfFileException(file, "not a Ferrel online-training checkpoint of version 1");
        }
        if (!configDigest.equals(c.attribute("config_digest"))) {
            throw new NetcdfFileException(file, "belongs to another configuration (its config_digest differs); resume with the"
                    + " configuration it was made with, or train into another folder");
        }
        int n = Integer.parseInt(c.attribute("weight_arrays"));
        double[][][] groups = new double[3][n][];
        String[] prefix = {"w", "m", "v"};
        for (int g = 0; g < 3; g++) {
            for (int i = 0; i < n; i++) {
                groups[g][i] = c.variable(prefix[g] + i).values();
            }
        }
        List<Double> losses = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        if (c.variable("epoch_loss") != null) {
            for (double x : c.variable("epoch_loss").values()) {
                losses.add(x);
            }
            for (double x : c.variable("epoch_seconds").values()) {
                seconds.add(x);
            }
        }
        return new OnlineTrainer.Progress(Integer.parseInt(c.attribute("next_epoch")), groups[0],
                new Adam.Snapshot(Long.parseLong(c.attribute("adam_steps")), groups[1], groups[2]), losses, seconds);
    }
}
