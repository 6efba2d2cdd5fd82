package org.gallery.search.vector;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.gallery.config.InvalidSettingException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client of one Qdrant server and what its answers mean to Gallery: a server that cannot be reached or refuses
 * the key is {@link VectorStoreUnavailableException} (a 503, naming {@code QDRANT_URL}); a missing collection is an
 * empty answer; anything else is a bug.
 */
final class QdrantCalls {

    private static final Logger log = LoggerFactory.getLogger(QdrantCalls.class);
    /** Qdrant's gRPC port; its REST port (6333) speaks another protocol. */
    static final int GRPC_PORT = 6334;
    /** Long enough for a batch upsert on a busy server, short enough for a search to give up on a lost one. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

    private final QdrantClient client;
    private final String url;

    QdrantCalls(QdrantClient client, String url) {
        this.client = client;
        this.url = url;
    }

    QdrantClient client() {
        return client;
    }

    static QdrantCalls connect(String url, @Nullable String apiKey) {
        URI uri = URI.create(url);
        ManagedChannelBuilder<?> channel = ManagedChannelBuilder.forAddress(uri.getHost(),
                uri.getPort() == -1 ? GRPC_PORT : uri.getPort()).userAgent("gallery");
        if ("https".equals(uri.getScheme())) {
            channel.useTransportSecurity();
        } else {
            channel.usePlaintext();
        }
        ManagedChannel built = channel.build();
        // the client's own version check only logs; the check below fails start-up instead
        QdrantGrpcClient.Builder grpc = QdrantGrpcClient.newBuilder(built, true, false).withTimeout(TIMEOUT);
        if (apiKey != null) {
            grpc.withApiKey(apiKey);
        }
        QdrantCalls calls = new QdrantCalls(new QdrantClient(grpc.build()), url);
        try {
            calls.check(apiKey);
        } catch (RuntimeException e) {
            calls.client.close();
            throw e;
        }
        return calls;
    }

    /** The health check answers without a key, so a call that needs one follows it. */
    private void check(@Nullable String apiKey) {
        try {
            String version = client.healthCheckAsync(CHECK_TIMEOUT).get().getVersion();
            client.listCollectionsAsync(CHECK_TIMEOUT).get();
            log.info("Vector store: Qdrant {} at {}", version, url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting to Qdrant", e);
        } catch (ExecutionException e) {
            Status status = Status.fromThrowable(e.getCause());
            if (refused(status)) {
                throw new InvalidSettingException("QDRANT_API_KEY", apiKey == null ? null : "(hidden)",
                        "the Qdrant server at QDRANT_URL=" + url + " refused it (" + describe(status) + ")");
            }
            throw new InvalidSettingException("QDRANT_URL", url, "no Qdrant server answers there over gRPC (its gRPC "
                    + "port, " + GRPC_PORT + " by default, not the REST port 6333): " + describe(status));
        }
    }

    /** The answer, or a clear exception: {@link VectorStoreUnavailableException} when the server is not usable. */
    <T> T call(String what, ListenableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VectorStoreUnavailableException("Interrupted while waiting for Qdrant to " + what, e);
        } catch (ExecutionException e) {
            Status status = Status.fromThrowable(e.getCause());
            if (unavailable(status)) {
                throw new VectorStoreUnavailableException("The Qdrant server at QDRANT_URL=" + url + " could not "
                        + what + ": " + describe(status), e.getCause());
            }
            throw new IllegalStateException("Qdrant refused to " + what + ": " + describe(status), e.getCause());
        }
    }

    /** As {@link #call}, but empty when the collection does not exist. */
    <T> Optional<T> callOrEmpty(String what, ListenableFuture<T> future) {
        try {
            return Optional.of(call(what, future));
        } catch (IllegalStateException e) {
            if (Status.fromThrowable(e.getCause()).getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean refused(Status status) {
        return status.getCode() == Status.Code.UNAUTHENTICATED || status.getCode() == Status.Code.PERMISSION_DENIED;
    }

    private static boolean unavailable(Status status) {
        return refused(status) || switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, CANCELLED -> true;
            default -> false;
        };
    }

    /** The status, and the network's own words when there are any ("Connection refused"). */
    private static String describe(Status status) {
        String text = status.getDescription() == null ? status.getCode().toString()
                : status.getCode() + " " + status.getDescription();
        Throwable root = status.getCause();
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == null || root.getMessage() == null ? text : text + " (" + root.getMessage() + ")";
    }
}
