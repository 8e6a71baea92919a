package org.skypatrol.gateway.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.skypatrol.gateway.config.MqttConfig;

/**
 * Builds the TLS socket factory for {@code ssl://} broker URLs: the server certificate is always
 * verified (against the PEM CA file, or the JVM trust store when none is given; host name checked by
 * Paho), and a client certificate is presented when a PKCS#12 key store is configured. There is no
 * "trust all" option and no plaintext fallback (FAULTS.md Q9).
 */
final class TlsContexts {

    private TlsContexts() {
    }

    static SSLSocketFactory socketFactory(MqttConfig.Tls tls) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (tls != null && tls.caFile() != null && !tls.caFile().isBlank()) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            try (InputStream in = Files.newInputStream(Path.of(tls.caFile()))) {
                int i = 0;
                for (Certificate c : cf.generateCertificates(in)) {
                    trust.setCertificateEntry("ca-" + i++, c);
                }
                if (i == 0) {
                    throw new GeneralSecurityException("no certificate in " + tls.caFile());
                }
            }
            tmf.init(trust);
        } else {
            tmf.init((KeyStore) null);
        }
        KeyManagerFactory kmf = null;
        if (tls != null && tls.clientKeyStore() != null && !tls.clientKeyStore().isBlank()) {
            char[] pw = tls.clientKeyStorePassword() == null ? new char[0] : tls.clientKeyStorePassword().toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(tls.clientKeyStore()))) {
                ks.load(in, pw);
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
        }
        SSLContext ctx = SSLContext.getInstance("TLSv1.3".equals(System.getProperty("skypatrol.tls")) ? "TLSv1.3" : "TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx.getSocketFactory();
    }
}
