package org.skypatrol.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.skypatrol.protocols.mqtt.TopicRoute;
import org.skypatrol.protocols.mqtt.Topics;
import org.skypatrol.testing.SharedData;

/** docs/asyncapi.yaml stays in step with Topics and the JSON Schemas. */
class AsyncApiDocumentTest {

    @Test
    void asyncApi_everyChannelParsesAsOurTopicAndReferencesAnExistingSchema() throws Exception {
        Path root = SharedData.repoRoot();
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(root.resolve("docs/asyncapi.yaml")));
        assertThat(doc.get("asyncapi").asText()).startsWith("3.");
        Topics topics = Topics.withDefaultPrefix();
        List<Class<?>> kinds = new ArrayList<>();
        doc.get("channels").fields().forEachRemaining(ch -> {
            String address = ch.getValue().get("address").asText()
                    .replace("{prefix}", Topics.DEFAULT_PREFIX).replaceAll("\\{[a-zA-Z]+}", "x1");
            TopicRoute r = topics.parse(address).orElseThrow(() -> new AssertionError("not our topic: " + address));
            kinds.add(r.getClass());
        });
        assertThat(kinds).containsExactlyInAnyOrder(TopicRoute.Telemetry.class, TopicRoute.DroneStatus.class,
                TopicRoute.CameraStatus.class, TopicRoute.Alerts.class, TopicRoute.BroadcastCommand.class,
                TopicRoute.CommandResult.class, TopicRoute.GatewayStatus.class, TopicRoute.GatewayAcks.class);
        doc.get("components").get("messages").fields().forEachRemaining(m -> {
            String ref = m.getValue().at("/payload/schema/$ref").asText();
            assertThat(root.resolve("docs").resolve(ref).normalize()).as(ref).exists();
        });
    }
}
