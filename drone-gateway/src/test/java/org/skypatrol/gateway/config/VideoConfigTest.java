package org.skypatrol.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoConfigTest {

    @TempDir
    Path dir;

    @Test
    void sources_parsedFromYaml() throws Exception {
        Path f = Files.writeString(dir.resolve("g.yaml"), """
                video:
                  sources:
                    - {id: cam-1, url: "rtsp://10.0.0.5/s", loop: false, realTime: false, droneId: null, timeoutSeconds: 5}
                  recording: {enabled: true, segmentSeconds: 4, retentionHours: 1, quotaMbPerSource: 10, minFreeMb: 0}
                """);
        VideoConfig v = new ConfigLoader().load(f, Map.of()).video();
        assertThat(v.sources()).singleElement().satisfies(s -> assertThat(s.url()).isEqualTo("rtsp://10.0.0.5/s"));
        assertThat(v.recording().segmentSeconds()).isEqualTo(4);
        assertThat(v.rtspServer().port()).isEqualTo(8554);
    }

    @Test
    void badValues_allListed() throws Exception {
        Path f = Files.writeString(dir.resolve("g.yaml"), """
                video:
                  rtspServer: {auth: DIGEST, readTimeoutSeconds: 0}
                  sources:
                    - {id: "a b", url: "", timeoutSeconds: 5}
                  recording: {segmentSeconds: 0}
                """);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader().load(f, Map.of()));
        assertThat(String.join("\n", e.problems())).contains("video.rtspServer.readTimeoutSeconds",
                "video.rtspServer.username", "video.sources[0].id", "video.sources[0].url",
                "video.recording.segmentSeconds");
    }
}
