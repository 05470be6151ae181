package io.aftercare.domain.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A report as CSV (RFC 4180): one row per period, one column per figure; a figure a period lacks is left empty. */
public final class MetricsCsv {

    private MetricsCsv() {
    }

    public static String of(List<Map<String, Object>> periods) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        for (Map<String, Object> period : periods) {
            Map<String, Object> row = MetricsReport.flat(period);
            rows.add(row);
            columns.addAll(row.keySet());
        }
        var csv = new StringBuilder();
        csv.append(String.join(",", columns.stream().map(MetricsCsv::field).toList())).append("\r\n");
        for (Map<String, Object> row : rows) {
            csv.append(String.join(",", columns.stream().map(c -> field(row.get(c))).toList())).append("\r\n");
        }
        return csv.toString();
    }

    /** Quoted when it must be; a leading {@code = + - @} is defused so a spreadsheet never runs a cell as a formula. */
    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return text.matches("[A-Za-z0-9._:'-]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
