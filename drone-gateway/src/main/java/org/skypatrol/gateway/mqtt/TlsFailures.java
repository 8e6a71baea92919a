package org.skypatrol.gateway.mqtt;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;

import javax.net.ssl.SSLException;

/**
 * Names why a TLS connection to the broker failed, from the exception Paho hands back (the JSSE cause
 * sits a few levels down), so the operator's alarm says "server certificate expired" instead of
 * "PKIX path validation failed" (FAULTS.md Q9).
 */
final class TlsFailures {

    private TlsFailures() {
    }

    /**
     * The reason when {@code e} is a TLS failure, else null (a refused TCP connect, a timeout...). Called
     * only for {@code ssl://} URLs, where a connection reset or closed after the TCP connect succeeded
     * happened during the handshake: typically a plaintext MQTT listener dropping the ClientHello.
     */
    static String reason(Throwable e) {
        boolean tls = false;
        String handshake = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "server certificate expired (" + t.getMessage() + ")";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "server certificate not yet valid (" + t.getMessage() + ")";
            }
            String m = String.valueOf(t.getMessage());
            if (t instanceof CertificateException && (m.contains("No subject alternative") || m.contains("No name matching"))) {
                return "server certificate does not name this host (" + m + ")";
            }
            if (m.contains("unable to find valid certification path")) { // SunCertPathBuilderException
                return "server certificate not signed by a trusted CA (mqtt.tls.caFile)";
            }
            if (m.contains("Unsupported or unrecognized SSL message")) {
                return "the broker port does not speak TLS (a plaintext listener?)";
            }
            if (t instanceof java.net.SocketException && m.contains("Connection reset")
                    || t instanceof java.io.EOFException) {
                return "the broker closed the connection during the TLS handshake (a plaintext listener?)";
            }
            if (t instanceof SSLException || t instanceof CertificateException || t instanceof CertPathValidatorException) {
                tls = true;
                handshake = handshake == null ? t.getClass().getSimpleName() + ": " + m : handshake;
            }
        }
        return tls ? "handshake failed (" + handshake + ")" : null;
    }
}
