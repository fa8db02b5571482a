package org.ferrel.calibration.hybrid;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ferrel.calibration.campaign.Json;
import org.ferrel.hybrid.online.OnlineTrainer;
import org.ferrel.io.figures.LinePlot;
import org.ferrel.io.files.AtomicFiles;

/**
 * What {@code ferrel train} reports: {@code report.json} (configuration digest, losses per epoch,
 * the gradient/forward time ratio, the hyperdiffusion tuning, RMSE against lead time, spectra and
 * stability of every model) and three PNGs: {@code loss.png}, {@code skill.png},
 * {@code spectra.png}.
 */
record TrainReport(HybridConfig config, OfflineStage.Result offline, OnlineTrainer.Progress online, double gradientForwardRatio,
                   Map<Double, Double> tuning, double tunedCoefficient, List<Evaluation.Skill> skills,
                   List<Evaluation.Stability> stability, double[] truthSpectrum) {
    private static final Color[] COLOURS = {new Color(120, 120, 120), new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(214, 39, 40), new Color(44, 160, 44)};

    Path write(Path dir) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", config.name());
        r.put("config_digest", config.digest());
        r.put("seed", config.seed());
        ModelSetup s = config.truth().setup();
        r.put("coarse_grid", s.coarseGrid().nx() + "x" + s.coarseGrid().ny());
        r.put("fine_grid", s.fineGrid().nx() + "x" + s.fineGrid().ny());
        r.put("coarse_time_step_s", s.coarseTimeStep());
        Map<String, Object> off = new LinkedHashMap<>();
        off.put("epoch_loss", toArray(offline.epochLosses()));
        off.put("epoch_seconds", toArray(offline.epochSeconds()));
        r.put("offline", off);
        Map<String, Object> on = new LinkedHashMap<>();
        on.put("rollout_steps", config.online().rolloutSteps());
        on.put("rollouts_per_batch", config.online().rolloutsPerBatch());
        on.put("checkpoint_snapshots", config.online().snapshots());
        on.put("epoch_loss", toArray(online.epochLosses()));
        on.put("epoch_seconds", toArray(online.epochSeconds()));
        on.put("gradient_forward_time_ratio", gradientForwardRatio);
        r.put("online", on);
        Map<String, Object> hd = new LinkedHashMap<>();
        List<Object> tried = new ArrayList<>();
        for (Map.Entry<Double, Double> e : tuning.entrySet()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("coefficient_m4_per_s", e.getKey());
            t.put("rollout_loss", e.getValue());
            tried.add(t);
        }
        hd.put("candidates", tried);
        hd.put("chosen_m4_per_s", tunedCoefficient);
        r.put("hyperdiffusion_tuning", hd);
        List<Object> models = new ArrayList<>();
        for (int i = 0; i < skills.size(); i++) {
            Evaluation.Skill k = skills.get(i);
            Evaluation.Stability st = stability.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", k.variant());
            m.put("lead_days", k.leadDays());
            m.put("rmse_h_m", k.rmseH());
            m.put("rmse_wind_m_per_s", k.rmseWind());
            m.put("stability_days", st.days());
            m.put("stable_for_days", st.stableFor());
            m.put("blow_up", st.blowUp());
            m.put("zonal_ke_spectrum", k.spectrum());
            models.add(m);
        }
        r.put("models", models);
        r.put("truth_zonal_ke_spectrum", truthSpectrum);
        Path report = dir.resolve("report.json");
        AtomicFiles.writeString(report, Json.write(r));
        plots(dir);
        return report;
    }

    private void plots(Path dir) throws IOException {
        LinePlot loss = new LinePlot("Training loss", "epoch", "loss (normalised)", false, true);
        add(loss, "offline (tendency MSE)", epochs(offline.epochLosses().size()), toArray(offline.epochLosses()), COLOURS[2]);
        add(loss, "online (rollout misfit)", epochs(online.epochLosses().size()), toArray(online.epochLosses()), COLOURS[3]);
        loss.write(dir.resolve("loss.png"));
        LinePlot skill = new LinePlot("RMSE of h against coarse-grained truth (held-out)", "lead time [days]", "RMSE h [m]", false, false);
        for (int i = 0; i < skills.size(); i++) {
            add(skill, skills.get(i).variant(), skills.get(i).leadDays(), skills.get(i).rmseH(), COLOURS[i % COLOURS.length]);
        }
        skill.write(dir.resolve("skill.png"));
        LinePlot spectra = new LinePlot("Zonal kinetic-energy spectrum at the last lead", "zonal wavenumber", "E(k) [m^2/s^2]", true, true);
        double[] k = new double[truthSpectrum.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = i + 1;
        }
        add(spectra, "coarse-grained truth", k, truthSpectrum, Color.BLACK);
        for (int i = 0; i < skills.size(); i++) {
            add(spectra, skills.get(i).variant(), k, skills.get(i).spectrum(), COLOURS[i % COLOURS.length]);
        }
        spectra.write(dir.resolve("spectra.png"));
    }

    /** Adds the finite (and, on log axes, positive) points of a curve; a curve with none is left out. */
    private static void add(LinePlot plot, String label, double[] x, double[] y, Color colour) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i]) && y[i] > 0) {
                points.add(new double[] {x[i], y[i]});
            }
        }
        if (points.isEmpty()) {
            return;
        }
        double[] px = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] py = points.stream().mapToDouble(p -> p[1]).toArray();
        plot.add(new LinePlot.Series(label, px, py, colour, true, true));
    }

    private static double[] epochs(int n) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = i + 1;
        }
        return e;
    }

    private static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
