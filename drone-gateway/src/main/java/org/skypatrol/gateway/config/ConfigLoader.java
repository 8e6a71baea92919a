package org.skypatrol.gateway.config;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Loads {@link GatewayConfig}: defaults, then the YAML file, then environment variables
 * ({@code SKYPATROL_MQTT_URL} sets {@code mqtt.url}; segments match keys case-insensitively), then
 * {@code --set path=value} overrides (list items by index: {@code mavlink.endpoints.0.port=14551}).
 *
 * <p>Every problem is collected (unknown keys, wrong types, invalid values) and reported together in
 * one {@link ConfigException}, so a bad file fails at start-up with the whole list.
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = "SKYPATROL_";

    /** Variables of the launcher and logging that share the prefix but are not configuration keys. */
    public static final java.util.Set<String> NOT_CONFIG_ENV = java.util.Set.of("SKYPATROL_LOG_LEVEL", "SKYPATROL_JAVA_OPTS");

    private final ObjectMapper mapper;

    public ConfigLoader() {
        this.mapper = new ObjectMapper(new YAMLFactory())
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** Loads with no environment overrides (tests). */
    public GatewayConfig load(Path file, Map<String, String> sets) throws ConfigException {
        return load(file, sets, Map.of());
    }

    public GatewayConfig load(Path file, Map<String, String> sets, Map<String, String> env)
            throws ConfigException {
        List<String> problems = new ArrayList<>();
        ObjectNode tree = mapper.valueToTree(GatewayConfig.defaults());
        if (file != null) {
            try {
                JsonNode fromFile = mapper.readTree(Files.readString(file));
                if (fromFile != null && !fromFile.isMissingNode() && !fromFile.isNull()) {
                    if (fromFile.isObject()) {
                        merge(tree, (ObjectNode) fromFile);
                    } else {
                        problems.add(file + ": the top level must be a mapping of sections");
                    }
                }
            } catch (JsonProcessingException e) {
                problems.add(file + ": not valid YAML: " + e.getOriginalMessage()
                        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
            } catch (IOException e) {
                problems.add(file + ": cannot read: " + e.getMessage());
            }
        }
        env.entrySet().stream()
                .filter(en -> en.getKey().startsWith(ENV_PREFIX) && !NOT_CONFIG_ENV.contains(en.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(en -> applyEnv(tree, en.getKey(), en.getValue(), problems));
        sets.forEach((path, value) -> set(tree, path, value, "--set " + path, problems));

        checkKeys(tree, GatewayConfig.class, "", problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        GatewayConfig config;
        try {
            config = mapper.treeToValue(tree, GatewayConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(bindProblems(tree));
        }
        Problems p = config.validate();
        if (!p.isEmpty()) {
            throw new ConfigException(p.list());
        }
        return config;
    }

    /** Binds section by section so each type error is reported with its path. */
    private List<String> bindProblems(ObjectNode tree) {
        List<String> problems = new ArrayList<>();
        for (RecordComponent section : GatewayConfig.class.getRecordComponents()) {
            try {
                mapper.treeToValue(tree.get(section.getName()), section.getType());
            } catch (JsonProcessingException e) {
                StringBuilder path = new StringBuilder(section.getName());
                if (e instanceof com.fasterxml.jackson.databind.JsonMappingException jme) {
                    for (var ref : jme.getPath()) {
                        path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
                    }
                }
                problems.add(path + ": " + e.getOriginalMessage());
            }
        }
        if (problems.isEmpty()) {
            problems.add("configuration could not be bound");
        }
        return problems;
    }

    private static void merge(ObjectNode target, ObjectNode source) {
        Iterator<Map.Entry<String, JsonNode>> it = source.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode so) {
                merge(eo, so);
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private void applyEnv(ObjectNode tree, String name, String value, List<String> problems) {
        String[] parts = name.substring(ENV_PREFIX.length()).split("_");
        StringBuilder path = new StringBuilder();
        JsonNode node = tree;
        for (String part : parts) {
            String key = null;
            if (node instanceof ObjectNode obj) {
                Iterator<String> names = obj.fieldNames();
                while (names.hasNext()) {
                    String candidate = names.next();
                    if (candidate.equalsIgnoreCase(part)) {
                        key = candidate;
                    }
                }
            } else if (node instanceof ArrayNode && part.matches("\\d+")) {
                key = part;
            }
            if (key == null) {
                problems.add("environment " + name + ": no configuration key matches '"
                        + part.toLowerCase(Locale.ROOT) + "'");
                return;
            }
            path.append(path.length() == 0 ? "" : ".").append(key);
            node = node.isArray() ? node.get(Integer.parseInt(key)) : node.get(key);
        }
        set(tree, path.toString(), value, "environment " + name, problems);
    }

    private void set(ObjectNode tree, String path, String value, String origin, List<String> problems) {
        String[] parts = path.split("\\.");
        JsonNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.isArray() && parts[i].matches("\\d+")
                    ? node.get(Integer.parseInt(parts[i])) : node.get(parts[i]);
            if (next == null || !(next.isObject() || next.isArray())) {
                problems.add(origin + ": '" + String.join(".", java.util.Arrays.copyOf(parts, i + 1))
                        + "' is not a configuration section");
                return;
            }
            node = next;
        }
        String last = parts[parts.length - 1];
        JsonNode parsed = parseScalar(value);
        if (node instanceof ObjectNode obj) {
            obj.set(last, parsed);
        } else if (node instanceof ArrayNode arr && last.matches("\\d+") && Integer.parseInt(last) < arr.size()) {
            arr.set(Integer.parseInt(last), parsed);
        } else {
            problems.add(origin + ": cannot set '" + path + "'");
        }
    }

    /** A value from the command line or environment: YAML syntax, so numbers, booleans and lists work. */
    private JsonNode parseScalar(String value) {
        try {
            JsonNode n = mapper.readTree(value);
            return n == null || n.isMissingNode() ? JsonNodeFactory.instance.nullNode() : n;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(value);
        }
    }

    /** Reports every key that no record component of the target type declares. */
    private static void checkKeys(JsonNode node, Type type, String path, List<String> problems) {
        Class<?> raw = rawClass(type);
        if (raw == null || node == null || node.isNull()) {
            return;
        }
        if (raw.isRecord() && node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                RecordComponent match = null;
                for (RecordComponent rc : raw.getRecordComponents()) {
                    if (rc.getName().equals(name)) {
                        match = rc;
                    }
                }
                String childPath = path.isEmpty() ? name : path + "." + name;
                if (match == null) {
                    problems.add(childPath + ": unknown key (known: "
                            + String.join(", ", java.util.Arrays.stream(raw.getRecordComponents())
                                    .map(RecordComponent::getName).toList()) + ")");
                } else {
                    checkKeys(node.get(name), match.getGenericType(), childPath, problems);
                }
            }
        } else if (List.class.isAssignableFrom(raw) && node.isArray() && type instanceof ParameterizedType pt) {
            for (int i = 0; i < node.size(); i++) {
                checkKeys(node.get(i), pt.getActualTypeArguments()[0], path + "[" + i + "]", problems);
            }
        } else if (Map.class.isAssignableFrom(raw) && node.isObject() && type instanceof ParameterizedType pt) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                checkKeys(e.getValue(), pt.getActualTypeArguments()[1], path + "." + e.getKey(), problems);
            }
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }
}
