package org.skypatrol.gateway.broadcast;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.skypatrol.gateway.testing.Await;

/**
 * A real Mosquitto (Debian package) on a free loopback port, started by the test and killed in
 * {@link #close()}. In-flight and queue limits are set deliberately (FAULTS: the defaults lose
 * QoS 1 messages). With users, anonymous access is off and {@code acl} lines apply.
 */
final class MosquittoProcess implements AutoCloseable {

    final int port;
    private final Process process;

    private MosquittoProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static MosquittoProcess start(Path dir) throws IOException {
        return start(dir, null, null);
    }

    /**
     * @param users "user:password" lines, or null for anonymous access
     * @param acl   the ACL file text, or null
     */
    static MosquittoProcess start(Path dir, String[] users, String acl) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StringBuilder conf = new StringBuilder()
                .append("listener ").append(port).append(" 127.0.0.1\n")
                .append("max_inflight_messages 1000\nmax_queued_messages 100000\npersistence false\n");
        if (users == null) {
            conf.append("allow_anonymous true\n");
        } else {
            Path pw = dir.resolve("passwd");
            Files.writeString(pw, "");
            for (String u : users) {
                String[] up = u.split(":", 2);
                run("mosquitto_passwd", "-b", pw.toString(), up[0], up[1]);
            }
            // run as ourselves: as root Mosquitto would switch to user "mosquitto", who cannot read our temp dir
            conf.append("user ").append(System.getProperty("user.name")).append('\n');
            conf.append("allow_anonymous false\npassword_file ").append(pw).append('\n');
            if (acl != null) {
                Path aclFile = dir.resolve("acl");
                Files.writeString(aclFile, acl);
                conf.append("acl_file ").append(aclFile).append('\n');
            }
        }
        Path confFile = dir.resolve("mosquitto.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder("mosquitto", "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        MosquittoProcess m = new MosquittoProcess(port, p);
        try {
            Await.until(Duration.ofSeconds(10), m::accepting, () -> "mosquitto listening on " + port);
        } catch (AssertionError e) {
            m.close();
            throw e;
        }
        return m;
    }

    private static void run(String... cmd) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private boolean accepting() {
        if (!process.isAlive()) {
            throw new AssertionError("mosquitto exited with " + process.exitValue());
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
