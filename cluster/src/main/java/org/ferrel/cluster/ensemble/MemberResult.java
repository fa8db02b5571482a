package org.ferrel.cluster.ensemble;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What became of one member.
 *
 * @param member      the member
 * @param failed      whether its run failed (blew up, NaN, unstable time step)
 * @param reason      why it failed ("" when it did not)
 * @param wallSeconds the wall time of its run [s] (NaN when unknown)
 * @param reused      its complete output was found and kept (a resumed campaign, or a retried task)
 */
public record MemberResult(Member member, boolean failed, String reason, double wallSeconds, boolean reused) implements Serializable {

    public String status() {
        return failed ? "failed" : "ok";
    }

    /** The member's record next to its output ({@code member-0007.status}), to be read back when reused. */
    public String toRecord() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("status", status());
        m.put("wall_seconds", Double.toString(wallSeconds));
        m.put("reason", reason.replace('\n', ' '));
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    /** The result recorded by {@link #toRecord()}, marked as reused. */
    public static MemberResult fromRecord(Member member, String record) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : record.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new MemberResult(member, "failed".equals(m.get("status")), m.getOrDefault("reason", ""),
                Double.parseDouble(m.getOrDefault("wall_seconds", "NaN")), true);
    }

    /** The name of a member's record file. */
    public static String recordName(Member member) {
        return member.label() + ".status";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s%s", member.label(), status(), failed ? ": " + reason : "");
    }
}
