package org.ferrel.cluster.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ferrel.cluster.ensemble.Ensemble;
import org.ferrel.cluster.ensemble.Member;
import org.ferrel.cluster.ensemble.MemberResult;
import org.ferrel.calibration.campaign.Json;

/**
 * The ensemble's summary, one row per member in id order: its parameters, status, reason for
 * failure, wall time and output file, as CSV ({@code summary.csv}) and JSON ({@code summary.json}).
 */
public final class Summary {
    private Summary() {
    }

    public static String csv(List<MemberResult> results) {
        StringBuilder b = new StringBuilder("member,status,reason,wall_seconds,reused,output,perturbation_seed");
        List<String> names = results.isEmpty() ? List.of() : results.getFirst().member().names();
        names.forEach(n -> b.append(',').append(n));
        b.append('\n');
        for (MemberResult r : results) {
            Member m = r.member();
            b.append(m.id()).append(',').append(r.status()).append(',').append(quoted(r.reason())).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", r.wallSeconds())).append(',').append(r.reused()).append(',')
                    .append(r.failed() ? "" : m.outputName()).append(',').append(m.perturbationSeed());
            for (double v : m.values()) {
                b.append(',').append(Double.toString(v));
            }
            b.append('\n');
        }
        return b.toString();
    }

    public static String json(Ensemble e, List<MemberResult> results) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("ensemble", e.name());
        root.put("ensemble_file", e.origin());
        root.put("scenario", e.scenario().origin());
        root.put("seed", e.seed());
        root.put("members", results.size());
        root.put("members_ok", results.stream().filter(r -> !r.failed()).count());
        root.put("members_failed", results.stream().filter(MemberResult::failed).count());
        List<Object> rows = new ArrayList<>();
        for (MemberResult r : results) {
            Map<String, Object> q = new LinkedHashMap<>();
            Member m = r.member();
            q.put("member", m.id());
            q.put("status", r.status());
            q.put("reason", r.reason());
            q.put("wall_seconds", r.wallSeconds());
            q.put("reused", r.reused());
            q.put("output", r.failed() ? null : m.outputName());
            q.put("perturbation_seed", m.perturbationSeed());
            Map<String, Object> p = new LinkedHashMap<>();
            double[] v = m.values();
            for (int k = 0; k < v.length; k++) {
                p.put(m.names().get(k), v[k]);
            }
            q.put("parameters", p);
            rows.add(q);
        }
        root.put("results", rows);
        return Json.write(root);
    }

    private static String quoted(String s) {
        if (s.isEmpty()) {
            return "";
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
