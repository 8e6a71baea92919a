package org.skypatrol.gateway.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4 (prometheus.io, "Exposition
 * formats"), written from the format's description and independent of the library that writes it:
 * every line must be a HELP, a TYPE or a sample; every sample's family must have had its HELP and TYPE
 * before it; label values are unescaped; values may be NaN or +-Inf. Anything else fails the parse.
 */
final class Exposition {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(?:\\{(.*)})? ([-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|Inf))(?: -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"(,|$)");
    private static final List<String> SUFFIXES = List.of("", "_count", "_sum", "_bucket", "_created", "_total");

    /** One sample: metric name, labels (sorted), value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    final Map<String, String> types = new HashMap<>();
    final Map<String, String> help = new HashMap<>();
    final List<Sample> samples = new ArrayList<>();

    /** Parses the whole text; throws IllegalArgumentException with the line number on any violation. */
    static Exposition parse(String text) {
        Exposition e = new Exposition();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                break; // the text ends with a newline
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                e.help.put(m.group(1), m.group(2));
            } else if ((m = TYPE.matcher(line)).matches()) {
                if (e.types.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": second TYPE for " + m.group(1));
                }
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String family = e.family(m.group(1));
                if (family == null || !e.help.containsKey(family)) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": sample without HELP and TYPE: " + line);
                }
                e.samples.add(new Sample(m.group(1), labels(m.group(2), i + 1), value(m.group(3))));
            } else {
                throw new IllegalArgumentException("line " + (i + 1) + ": not exposition format: '" + line + "'");
            }
        }
        return e;
    }

    /** The family (TYPE name) a sample name belongs to, or null. */
    private String family(String sample) {
        for (String suffix : SUFFIXES) {
            if (sample.endsWith(suffix)) {
                String f = sample.substring(0, sample.length() - suffix.length());
                if (types.containsKey(f)) {
                    return f;
                }
            }
        }
        return null;
    }

    private static Map<String, String> labels(String text, int line) {
        Map<String, String> labels = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher m = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("line " + line + ": bad labels '" + text + "'");
            }
            String value = m.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
            if (labels.put(m.group(1), value) != null) {
                throw new IllegalArgumentException("line " + line + ": label " + m.group(1) + " twice");
            }
            at = m.end();
        }
        return labels;
    }

    private static double value(String v) {
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }

    /** The value of the one sample with this name and exactly these labels; fails if absent. */
    double value(String name, String... labelPairs) {
        Map<String, String> want = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            want.put(labelPairs[i], labelPairs[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(want)).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + want + " in:\n" + names()))
                .value();
    }

    /** Sum over every sample of a name whose labels include these. */
    double sum(String name, String... labelPairs) {
        Map<String, String> want = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            want.put(labelPairs[i], labelPairs[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name)
                && s.labels().entrySet().containsAll(want.entrySet())).mapToDouble(Sample::value).sum();
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    private String names() {
        return String.join("\n", samples.stream().map(s -> s.name() + s.labels()).sorted().toList());
    }
}
