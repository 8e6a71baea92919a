package org.skypatrol.gateway.broadcast;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Plain TCP sockets with {@code TCP_NODELAY}: Paho writes an MQTT PUBLISH in pieces, and with
 * Nagle's algorithm on, the second piece waits for the broker's delayed ACK (about 40 ms on Linux)
 * before it leaves. Measured by scripts/bench-broadcast.sh.
 */
final class NoDelaySocketFactory extends SocketFactory {

    private static final SocketFactory PLAIN = SocketFactory.getDefault();

    @Override
    public Socket createSocket() throws IOException {
        return configure(PLAIN.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return configure(PLAIN.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return configure(PLAIN.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return configure(PLAIN.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return configure(PLAIN.createSocket(address, port, localAddress, localPort));
    }

    private static Socket configure(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }
}
