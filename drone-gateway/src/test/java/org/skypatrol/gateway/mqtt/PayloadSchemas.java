package org.skypatrol.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Validates payloads against the JSON Schemas in protocols/src/main/resources/schemas (networknt). */
final class PayloadSchemas {

    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private PayloadSchemas() {
    }

    /** Picks the schema from the payload's own {@code schema} field and asserts it validates. */
    static void assertValid(JsonNode payload) {
        String name = payload.path("schema").asText();
        assertThat(name).as("schema field").matches("skypatrol\\.[a-z-]+/1");
        String file = name.substring("skypatrol.".length(), name.indexOf('/')) + ".schema.json";
        JsonSchema schema = CACHE.computeIfAbsent(file, PayloadSchemas::load);
        Set<ValidationMessage> errors = schema.validate(payload);
        assertThat(errors).as("schema errors of " + payload).isEmpty();
    }

    static Set<ValidationMessage> errors(String file, JsonNode payload) {
        return CACHE.computeIfAbsent(file, PayloadSchemas::load).validate(payload);
    }

    private static JsonSchema load(String file) {
        try (InputStream in = PayloadSchemas.class.getResourceAsStream("/schemas/" + file)) {
            assertThat(in).as("schema resource " + file).isNotNull();
            SchemaValidatorsConfig cfg = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, cfg);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
