package fr.chariot.apns.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Opens Pushy clients to the configured APNs host, authenticated by the push certificate (TLS client auth).
 *
 * <p>The clients share one event loop group owned here: a renewal then starts no new threads, and stopping does
 * not wait for Netty's default two-second quiet period per client.
 */
final class PushyApnsSenders implements ApnsSender.Factory {

    private final ApnsSettings settings;
    private final EventLoopGroup eventLoops;

    PushyApnsSenders(ApnsSettings settings) {
        this.settings = settings;
        this.eventLoops = new NioEventLoopGroup(settings.connections(),
                new DefaultThreadFactory("chariot-apns-io", true));
    }

    @Override
    public ApnsSender open(PushCredentials credentials) throws Exception {
        ApnsClientBuilder builder = new ApnsClientBuilder()
                .setApnsServer(settings.host(), settings.port())
                .setClientCredentials(credentials.certificate(), credentials.privateKey(), null)
                .setConcurrentConnections(settings.connections())
                .setEventLoopGroup(eventLoops);
        if (settings.trustedServerCertificates().isPresent()) {
            builder.setTrustedServerCertificateChain(settings.trustedServerCertificates().get().toFile());
        }
        ApnsClient client = builder.build();
        return new ApnsSender() {
            @Override
            public CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>> send(
                    SimpleApnsPushNotification push) {
                return client.sendNotification(push);
            }

            @Override
            public CompletableFuture<Void> close() {
                return client.close();
            }
        };
    }

    /** Stops the event loops once the clients are closed. */
    @Override
    public void close() {
        eventLoops.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
