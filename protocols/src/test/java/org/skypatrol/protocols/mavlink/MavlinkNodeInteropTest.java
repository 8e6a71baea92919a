package org.skypatrol.protocols.mavlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.skypatrol.testing.SharedData;

/**
 * Live interop with node-mavlink over UDP on loopback: the node peer (tools/node-mavlink/interop-peer.js)
 * sends v1, v2, signed and one forged frame to our Netty server on a free port; we answer every
 * accepted frame with a COMMAND_ACK (signed when the request was) and node parses and checks them.
 */
class MavlinkNodeInteropTest {

    private static final String PASSPHRASE = "interop passphrase";
    private Process node;
    private EventLoopGroup group;

    @AfterEach
    void stop() throws InterruptedException {
        if (node != null) {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void nodeMavlinkPeer_signedAndUnsignedOverUdp_interoperateBothWays() throws Exception {
        Path tools = SharedData.repoRoot().resolve("../tools/node-mavlink").normalize();
        if (!Files.isDirectory(tools)) {
            tools = SharedData.repoRoot().resolve("tools/node-mavlink");
        }
        requireNodeModules(tools);
        MavlinkSigningKey key = MavlinkSigningKey.fromPassphrase(PASSPHRASE);
        MavlinkCounters counters = new MavlinkCounters();
        MavlinkSigningPolicy policy = new MavlinkSigningPolicy(key, false, Set.of(), InstantSource.system());
        MavlinkTimestampSource timestamps = new MavlinkTimestampSource(InstantSource.system(), MavlinkTimestampStore.inMemory());
        List<MavlinkFrame> received = new CopyOnWriteArrayList<>();

        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel server = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<NioDatagramChannel>() {
                    @Override
                    protected void initChannel(NioDatagramChannel ch) {
                        ch.pipeline().addLast(new MavlinkDatagramDecoder(new MavlinkParser(), counters, policy),
                                new MavlinkDatagramEncoder(),
                                new SimpleChannelInboundHandler<MavlinkDatagram>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, MavlinkDatagram in) {
                                        MavlinkFrame f = in.frame();
                                        received.add(f);
                                        MavlinkFrame ack = MavlinkMessages.toFrame(f.version(), f.sequence(), 255, 190,
                                                new CommandAck(f.messageId(), 0, f.sequence(), 0, f.systemId(), f.componentId()));
                                        if (f.signed()) {
                                            ack = MavlinkSigning.sign(ack, key, 1, timestamps.next());
                                        }
                                        ctx.writeAndFlush(new MavlinkDatagram(ack, in.peer()));
                                    }
                                });
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();

        node = new ProcessBuilder("node", "interop-peer.js", Integer.toString(port), PASSPHRASE, "5")
                .directory(tools.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("node peer finished").isTrue();
        String stdout = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        JsonNode replies = new ObjectMapper().readTree(stdout).get("replies");

        // Java side: v1 + v2 heartbeat and 3 valid signed positions accepted, the forged one rejected
        assertThat(received).hasSize(5);
        assertThat(received.stream().filter(MavlinkFrame::signed)).hasSize(3);
        assertThat(MavlinkMessages.decode(received.get(2))).isInstanceOf(GlobalPositionInt.class);
        assertThat(((GlobalPositionInt) MavlinkMessages.decode(received.get(2))).lat()).isEqualTo(384_600_002);
        assertThat(counters.get(MavlinkCounter.BAD_SIGNATURE)).isEqualTo(1);

        // node side: every reply parsed with a good CRC; signed replies verify with the shared key
        assertThat(replies).hasSize(5);
        for (JsonNode r : replies) {
            assertThat(r.get("msgid").asInt()).isEqualTo(CommandAck.ID);
            assertThat(r.get("sysid").asInt()).isEqualTo(255);
            if (r.get("signed").asBoolean()) {
                assertThat(r.get("signatureOk").asBoolean()).as("node verifies our signature: %s", r).isTrue();
                assertThat(r.get("command").asInt()).isEqualTo(GlobalPositionInt.ID);
            }
        }
        assertThat(replies.findValues("signed").stream().filter(JsonNode::asBoolean)).hasSize(3);
        assertThat(replies.findValues("version").stream().filter(v -> v.asInt() == 1)).hasSize(1);
        server.close().sync();
    }

    private static void requireNodeModules(Path tools) throws IOException {
        Path module = tools.resolve("node_modules/node-mavlink/package.json");
        if (!Files.exists(module)) {
            String message = "node-mavlink not installed in " + tools + " (run: cd tools/node-mavlink && npm ci)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
    }
}
