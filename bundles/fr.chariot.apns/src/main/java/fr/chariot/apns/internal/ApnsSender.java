package fr.chariot.apns.internal;

import java.util.concurrent.CompletableFuture;

import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;

/** One APNs connection set, authenticated with one push certificate (a Pushy {@code ApnsClient} in production). */
interface ApnsSender {

    CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>> send(SimpleApnsPushNotification push);

    /** Closes the connections; pushes still waiting fail. */
    CompletableFuture<Void> close();

    /** Opens a sender for a certificate; closing the factory frees what its senders shared. */
    @FunctionalInterface
    interface Factory extends AutoCloseable {
        ApnsSender open(PushCredentials credentials) throws Exception;

        @Override
        default void close() {
        }
    }
}
