package fr.chariot.simulator.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import fr.chariot.simulator.api.MdmHttpException;
import fr.chariot.simulator.api.SimulatorException;

/**
 * One iPad's HTTP stack: trusts the JDK's roots plus the roots it was given (the enrollment profile's root
 * payload), and presents its identity as TLS client certificate when the profile asks for no signed messages.
 */
public final class MdmHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** One HTTP exchange. */
    public record Response(String method, URI uri, int status, String contentType, byte[] body) {
        /** @throws MdmHttpException when the status is not {@code expected} */
        public void requireStatus(int expected) {
            if (status != expected) {
                throw new MdmHttpException(method, uri, status, body);
            }
        }
    }

    private final List<X509Certificate> anchors = new ArrayList<>();
    private PrivateKey clientKey;
    private X509Certificate clientCertificate;
    private HttpClient client;

    public synchronized void trust(X509Certificate anchor) {
        if (!anchors.contains(anchor)) {
            anchors.add(anchor);
            client = null;
        }
    }

    /** Presents this identity as TLS client certificate from now on. */
    public synchronized void useClientCertificate(PrivateKey key, X509Certificate certificate) {
        clientKey = key;
        clientCertificate = certificate;
        client = null;
    }

    /**
     * @param contentType null for a request without body
     * @param mdmSignature the {@code Mdm-Signature} header value, or null
     */
    public Response send(String method, URI uri, String contentType, byte[] body, String mdmSignature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
            .header("User-Agent", "MDM/1.0 (Chariot simulator)");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            request.header("Content-Type", contentType);
        }
        if (mdmSignature != null) {
            request.header("Mdm-Signature", mdmSignature);
        }
        try {
            HttpResponse<byte[]> response = client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(method, uri, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new SimulatorException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulatorException(method + " " + uri + " interrupted", e);
        }
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).sslContext(sslContext()).build();
        }
        return client;
    }

    /** The TLS context this iPad uses: its trust anchors, and its identity when it presents one. */
    public synchronized SSLContext sslContext() {
        try {
            KeyManager[] keyManagers = null;
            if (clientKey != null) {
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                keyStore.load(null, null);
                keyStore.setKeyEntry("identity", clientKey, new char[0], new X509Certificate[] {clientCertificate});
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(keyStore, new char[0]);
                keyManagers = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, new TrustManager[] {trustManager()}, Pki.random());
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new SimulatorException("cannot set up TLS", e);
        }
    }

    private X509TrustManager trustManager() throws IOException, GeneralSecurityException {
        X509TrustManager system = x509(null);
        if (anchors.isEmpty()) {
            return system;
        }
        KeyStore extra = KeyStore.getInstance("PKCS12");
        extra.load(null, null);
        for (int i = 0; i < anchors.size(); i++) {
            extra.setCertificateEntry("anchor" + i, anchors.get(i));
        }
        X509TrustManager added = x509(extra);
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                system.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    added.checkServerTrusted(chain, authType);
                } catch (CertificateException notOurs) {
                    system.checkServerTrusted(chain, authType);
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                List<X509Certificate> all = new ArrayList<>(List.of(system.getAcceptedIssuers()));
                all.addAll(List.of(added.getAcceptedIssuers()));
                return all.toArray(X509Certificate[]::new);
            }
        };
    }

    private static X509TrustManager x509(KeyStore keyStore) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager");
    }
}
