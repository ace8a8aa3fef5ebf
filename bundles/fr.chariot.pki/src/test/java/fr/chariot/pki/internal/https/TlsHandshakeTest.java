package fr.chariot.pki.internal.https;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import fr.chariot.pki.internal.PkiKeys;
import fr.chariot.pki.internal.ServerNames;
import fr.chariot.pki.internal.TestPki;
import fr.chariot.pki.internal.https.HttpsFiles.Store;

/**
 * A real TLS handshake against the generated files, configured as Jetty is: the server keystore, the device CA as
 * truststore, client certificates wanted. The JDK's HTTPS server stands in for Jetty; both use the JDK's TLS.
 */
class TlsHandshakeTest {

    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    Path folder;

    private HttpsServer server;

    @BeforeEach
    void startServer() throws Exception {
        PkiKeys ca = TestPki.keys();
        Store keystore = HttpsFiles.serverKeystore(folder, ServerNames.parse("localhost,127.0.0.1"), ca,
                Clock.fixed(TestPki.NOW, ZoneOffset.UTC), TestPki.RANDOM);
        Store truststore = HttpsFiles.truststore(folder, ca.caCertificate(), TestPki.RANDOM);

        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(HttpsFilesTest.load(keystore), keystore.password().toCharArray());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(HttpsFilesTest.load(truststore));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setWantClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/", exchange -> {
            String client;
            try {
                Certificate[] peer = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
                client = ((X509Certificate) peer[0]).getSubjectX500Principal().getName();
            } catch (SSLPeerUnverifiedException e) {
                client = "none";
            }
            byte[] body = client.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    /** What the server saw of the client's certificate. */
    private String clientSeenByServer(String host, SSLContext client) throws IOException {
        URL url = new URL("https://" + host + ":" + server.getAddress().getPort() + "/");
        HttpsURLConnection connection = (HttpsURLConnection) url.openConnection();
        connection.setSSLSocketFactory(client.getSocketFactory());
        connection.setConnectTimeout(TIMEOUT_MILLIS);
        connection.setReadTimeout(TIMEOUT_MILLIS);
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }

    /** A client trusting one CA, presenting an identity if given one. */
    private static SSLContext client(X509Certificate trusted, KeyPair identityKey, X509Certificate identity)
            throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (identity != null) {
            keys.setKeyEntry("device", identityKey.getPrivate(), "pw".toCharArray(), new Certificate[] { identity });
        }
        keyManagers.init(keys, "pw".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    @Test
    void aDeviceTrustingTheCaConnectsByNameAndByAddressAndTheServerSeesItsIdentity() throws Exception {
        KeyPair deviceKey = TestPki.rsa();
        X509Certificate device = TestPki.deviceIdentity(TestPki.keys(), deviceKey, TestPki.NOW);
        SSLContext ipad = client(TestPki.keys().caCertificate(), deviceKey, device);

        assertEquals("CN=iPad test", clientSeenByServer("localhost", ipad));
        assertEquals("CN=iPad test", clientSeenByServer("127.0.0.1", ipad));
    }

    @Test
    void aClientWithoutCertificateStillConnectsBecauseCertificatesAreWantedNotNeeded() throws Exception {
        assertEquals("none", clientSeenByServer("localhost", client(TestPki.keys().caCertificate(), null, null)));
    }

    @Test
    void aClientThatDoesNotTrustTheDeviceCaRefusesTheServer() throws Exception {
        SSLContext stranger = client(TestPki.otherKeys().caCertificate(), null, null);

        assertThrows(SSLHandshakeException.class, () -> clientSeenByServer("localhost", stranger));
    }
}
