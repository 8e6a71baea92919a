package org.skypatrol.gateway.mqtt;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import com.hivemq.embedded.EmbeddedHiveMQ;
import org.skypatrol.gateway.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup broker: HiveMQ Community Edition embedded in the gateway, in-memory persistence,
 * listening on the configured address (127.0.0.1 by default). Chosen over Moquette 0.17 because
 * Moquette 0.17 refuses MQTT 5 CONNECTs from Paho mqttv5 ("Invalid Return code"), and 0.18 is not
 * served by Maven Central here; HiveMQ CE implements MQTT 5 fully (see docs/mqtt.md).
 * Port 0 picks a free port (tests).
 */
public final class EmbeddedBroker implements Service {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final String bind;
    private final Path home;
    private int port;
    private EmbeddedHiveMQ hivemq;

    /**
     * @param home a folder for the broker's configuration and data (recreated on start)
     */
    public EmbeddedBroker(String bind, int port, Path home) {
        this.bind = bind;
        this.port = port;
        this.home = home;
    }

    @Override
    public void start() throws Exception {
        if (port == 0) {
            port = freePort();
        }
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("extensions"));
        // max-queue-size raised from the default so a slow command centre does not lose QoS 1 (FAULTS.md Q11)
        Files.writeString(conf.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener><port>%d</port><bind-address>%s</bind-address></tcp-listener>
                  </listeners>
                  <mqtt>
                    <queued-messages><max-queue-size>100000</max-queue-size><strategy>discard</strategy></queued-messages>
                  </mqtt>
                  <persistence><mode>in-memory</mode></persistence>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, bind));
        hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(home.resolve("data"))
                .withExtensionsFolder(home.resolve("extensions"))
                .build();
        hivemq.start().join();
        log.info("embedded MQTT broker listening on {}:{}", bind, port);
    }

    /** The URL clients use: {@code tcp://127.0.0.1:<port>} (0.0.0.0 binds are reached over loopback). */
    public String url() {
        String host = bind.equals("0.0.0.0") ? "127.0.0.1" : bind;
        return "tcp://" + host + ":" + port;
    }

    public int port() {
        return port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (hivemq != null) {
            try {
                hivemq.stop().join();
                hivemq.close();
            } catch (Exception e) {
                log.warn("stopping the embedded broker: {}", e.toString());
            }
            hivemq = null;
        }
    }
}
