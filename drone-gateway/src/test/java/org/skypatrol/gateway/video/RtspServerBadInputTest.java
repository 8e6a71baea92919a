package org.skypatrol.gateway.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skypatrol.gateway.config.VideoConfig;
import org.skypatrol.gateway.config.VideoConfig.AuthMode;
import org.skypatrol.gateway.events.EventBus;
import org.skypatrol.gateway.store.RecordingStore;

/** Hostile and broken clients on the RTSP port (FAULTS V5, V6, V7, V8); the server keeps serving others. */
class RtspServerBadInputTest {

    @TempDir
    Path data;

    private final List<Socket> sockets = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private RecordingStore store;
    private VideoHub hub;
    private RtspPublishServer server;

    private void start(AuthMode auth, int readTimeoutSeconds) throws Exception {
        store = RecordingStore.open(data);
        hub = new VideoHub(new VideoConfig.Recording(true, 2, 1, 0, 0), data.resolve("recordings"), store,
                new EventBus(), Clock.systemUTC(), Duration.ofSeconds(1));
        hub.start();
        server = new RtspPublishServer(new VideoConfig.RtspServer(true, "127.0.0.1", 0, readTimeoutSeconds, 1000,
                auth, "pilot", "s3cret", "skypatrol"), hub);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        processes.forEach(Process::destroyForcibly);
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
            hub.close();
            store.close();
        }
    }

    private Socket connect() throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(5000);
        sockets.add(s);
        return s;
    }

    /** Sends {@code bytes}, returns the status code of the reply and whether the server then closed. */
    private record Reply(int status, boolean closed, String text) {
    }

    private Reply exchange(byte[] bytes) throws Exception {
        Socket s = connect();
        OutputStream out = s.getOutputStream();
        try {
            out.write(bytes);
            out.flush();
        } catch (java.io.IOException e) {
            // the server may close while we are still writing a huge request: fine, read what it said
        }
        InputStream in = s.getInputStream();
        StringBuilder text = new StringBuilder();
        int b;
        while (text.indexOf("\r\n\r\n") < 0 && (b = in.read()) >= 0) { // the response head, or EOF
            text.append((char) b);
        }
        int status = text.indexOf("RTSP/1.0 ") == 0 ? Integer.parseInt(text.substring(9, 12)) : -1;
        return new Reply(status, text.indexOf("Connection: close") >= 0, text.toString());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void malformedInputs_eachAnsweredWithErrorAndClosed_legitPublisherUnaffected() throws Exception {
        start(AuthMode.NONE, 5);
        Path clip = VideoTestSupport.clip(5, 320, 240, 25);
        Process publisher = VideoTestSupport.publish(clip, "rtsp://127.0.0.1:" + server.port() + "/drones/good");
        processes.add(publisher);
        VideoTestSupport.await(Duration.ofSeconds(10), () -> hub.feeds().stream().anyMatch(f -> f.frames() > 10),
                "legit stream flowing");

        byte[] garbage = new byte[300];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 'X';
        garbage[10] = '\n';
        Reply garbageReply = exchange(garbage);
        assertThat(garbageReply.status()).isEqualTo(400);
        assertThat(garbageReply.closed()).isTrue();
        assertThat(exchange(ascii("OPTIONS rtsp://h/drones/x RTSP/1.0\r\nCSeq: 1\r\nX: " + "a".repeat(3000) + "\r\n\r\n"))
                .status()).isEqualTo(431);
        StringBuilder many = new StringBuilder("OPTIONS rtsp://h/drones/x RTSP/1.0\r\nCSeq: 1\r\n");
        for (int i = 0; i < 300; i++) {
            many.append("H").append(i).append(": v\r\n");
        }
        assertThat(exchange(ascii(many + "\r\n")).status()).isEqualTo(431);
        assertThat(exchange(ascii("ANNOUNCE rtsp://h/drones/x RTSP/1.0\r\nCSeq: 1\r\nContent-Length: -1\r\n\r\n"))
                .status()).isEqualTo(400);
        assertThat(exchange(ascii("ANNOUNCE rtsp://h/drones/x RTSP/1.0\r\nCSeq: 1\r\nContent-Length: 9223372036854775808\r\n\r\n"))
                .status()).isBetween(400, 499);
        assertThat(exchange(ascii("ANNOUNCE rtsp://h/drones/x RTSP/1.0\r\nCSeq: 1\r\nContent-Length: 200000\r\n\r\n"))
                .status()).isEqualTo(413);
        String badSdp = "this is not a session description";
        assertThat(exchange(ascii("ANNOUNCE rtsp://h/drones/x RTSP/1.0\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: " + badSdp.length() + "\r\n\r\n" + badSdp)).status()).isEqualTo(400);
        // V6: interleaved frames on a channel never set up, 65535 bytes back to back, then a valid request
        Socket s = connect();
        OutputStream out = s.getOutputStream();
        byte[] frame = new byte[4 + 65535];
        frame[0] = '$';
        frame[1] = 9;
        frame[2] = (byte) 0xFF;
        frame[3] = (byte) 0xFF;
        for (int i = 0; i < 20; i++) {
            out.write(frame);
        }
        out.write(ascii("OPTIONS rtsp://h/drones/x RTSP/1.0\r\nCSeq: 5\r\n\r\n"));
        out.flush();
        byte[] head = s.getInputStream().readNBytes(15);
        assertThat(new String(head, StandardCharsets.ISO_8859_1)).isEqualTo("RTSP/1.0 200 OK");
        VideoTestSupport.await(Duration.ofSeconds(5), () -> server.counters().unknownChannelFrames() >= 20, "frames dropped");

        assertThat(server.counters().malformed()).isGreaterThanOrEqualTo(7);
        assertThat(publisher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(publisher.exitValue()).isZero();
        assertThat(hub.feed("good", "good").frames()).isEqualTo(125);
        assertThat(hub.feed("good", "good").drops()).isZero();
    }

    @Test
    void auth_missingWrongOrForeignSession_rejected_rightDigestRecords() throws Exception {
        start(AuthMode.DIGEST, 5);
        String announce = "ANNOUNCE rtsp://127.0.0.1/drones/d1 RTSP/1.0\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: 5\r\n\r\nv=0\r\n";
        Reply none = exchange(ascii(announce));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.text()).contains("WWW-Authenticate: Digest realm=\"skypatrol\", nonce=");
        String wrong = announce.replace("CSeq: 2\r\n", "CSeq: 2\r\nAuthorization: Digest username=\"pilot\", "
                + "realm=\"skypatrol\", nonce=\"00\", uri=\"rtsp://127.0.0.1/drones/d1\", response=\"0123\"\r\n");
        assertThat(exchange(ascii(wrong)).status()).isEqualTo(401);
        assertThat(exchange(ascii("OPTIONS rtsp://h/drones/d1 RTSP/1.0\r\nCSeq: 3\r\nSession: 1234abcd\r\n\r\n"))
                .status()).isEqualTo(454); // a session id this connection never got
        assertThat(server.counters().unauthorized()).isEqualTo(2);

        Path clip = VideoTestSupport.clip(5, 320, 240, 25);
        Process p = VideoTestSupport.publish(clip, "rtsp://pilot:s3cret@127.0.0.1:" + server.port() + "/drones/d1");
        processes.add(p);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(hub.feed("d1", "d1").frames()).isEqualTo(125);
        Process bad = VideoTestSupport.publish(clip, "rtsp://pilot:nope@127.0.0.1:" + server.port() + "/drones/d2");
        processes.add(bad);
        assertThat(bad.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isNotZero();
    }

    @Test
    void idleAndTrickleConnections_closedByReadTimeout_streamUnaffected() throws Exception {
        start(AuthMode.NONE, 1);
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            idle.add(connect());
        }
        Socket trickle = connect();
        Path clip = VideoTestSupport.clip(5, 320, 240, 25);
        Process p = VideoTestSupport.publish(clip, "rtsp://127.0.0.1:" + server.port() + "/drones/live");
        processes.add(p);
        byte[] request = ascii("OPTIONS rtsp://h/drones/x RTSP/1.0\r\nCSeq: 1\r\n\r\n");
        long t0 = System.nanoTime();
        boolean closed = false;
        for (int i = 0; i < request.length && !closed; i++) {
            try {
                trickle.getOutputStream().write(request[i]); // one byte every 200 ms: never completes in time
                trickle.getOutputStream().flush();
                trickle.setSoTimeout(200);
                closed = trickle.getInputStream().read() == -1;
            } catch (SocketTimeoutException e) {
                // still open: keep trickling
            } catch (java.io.IOException e) {
                closed = true;
            }
        }
        assertThat(closed).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        for (Socket s : idle) {
            s.setSoTimeout(5000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(server.counters().timedOut()).isGreaterThanOrEqualTo(51);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(hub.feed("live", "live").frames()).isEqualTo(125);
    }
}
