package org.gallery.search.vector;

import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionDescription;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CollectionStatus;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.GetCollectionInfoResponse;
import io.qdrant.client.grpc.Collections.ListCollectionsRequest;
import io.qdrant.client.grpc.Collections.ListCollectionsResponse;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A Qdrant server for tests, speaking Qdrant's own gRPC services (the definitions shipped in its Java client) on a
 * local port, with the semantics Qdrant documents for the calls Gallery makes: collections with one unnamed dense
 * vector, upsert and delete by id, exact count, scroll in id order, and nearest-neighbour queries filtered by point
 * ids, by an exact scan. The {@code api-key} header is checked when a key is set (the health check needs none, as
 * in Qdrant). What Gallery does not use answers UNIMPLEMENTED rather than pretending.
 */
public final class FakeQdrantServer implements AutoCloseable {

    public static final String VERSION = "1.18.0";
    private static final String HEALTH_CHECK = "qdrant.Qdrant/HealthCheck";
    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);

    record Space(long size, Distance distance, NavigableMap<String, float[]> points) {
    }

    private final @Nullable String apiKey;
    private final Map<String, Space> collections = new ConcurrentHashMap<>();
    final AtomicLong operations = new AtomicLong();
    /** The {@code api-key} header of every call but health checks ("" when none was sent). */
    public final List<String> keysSent = new CopyOnWriteArrayList<>();
    /** Points received by upserts, for counting what a catch-up uploaded. */
    public final AtomicLong pointsUpserted = new AtomicLong();
    private Server server;
    private int port;

    public FakeQdrantServer(@Nullable String apiKey) throws IOException {
        this.apiKey = apiKey;
        start(0);
    }

    private void start(int onPort) throws IOException {
        ServerInterceptor auth = new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                    ServerCallHandler<Q, A> next) {
                if (!HEALTH_CHECK.equals(call.getMethodDescriptor().getFullMethodName())) {
                    String sent = headers.get(API_KEY);
                    keysSent.add(sent == null ? "" : sent);
                    if (apiKey != null && !apiKey.equals(sent)) {
                        call.close(Status.UNAUTHENTICATED.withDescription("Invalid api-key"), new Metadata());
                        return new ServerCall.Listener<>() {
                        };
                    }
                }
                return next.startCall(call, headers);
            }
        };
        var builder = Grpc.newServerBuilderForPort(onPort, InsecureServerCredentials.create());
        for (BindableService service : List.of(new Health(), new Collections(), new FakeQdrantPoints(this))) {
            builder.addService(ServerInterceptors.intercept(service, auth));
        }
        server = builder.build().start();
        port = server.getPort();
    }

    /** The address to give as {@code QDRANT_URL}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The server goes away (its data stays, as on a restart with storage). */
    public void stop() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Back on the same port. */
    public void restart() throws IOException {
        start(port);
    }

    public long count(String collection) {
        return collections.get(collection).points().size();
    }

    public List<String> collectionNames() {
        return List.copyOf(collections.keySet());
    }

    /** Forgets points, as a server that lost data would. */
    public synchronized void drop(String collection, int howMany) {
        var points = collections.get(collection).points();
        for (int i = 0; i < howMany; i++) {
            points.pollFirstEntry();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Runs one call: its answer, or the gRPC status Qdrant would answer with. */
    static <T> void answer(StreamObserver<T> out, Supplier<T> body) {
        T result;
        try {
            result = body.get();
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }

    Space space(String name) {
        Space space = collections.get(name);
        if (space == null) {
            throw Status.NOT_FOUND.withDescription("Not found: Collection `" + name + "` doesn't exist!")
                    .asRuntimeException();
        }
        return space;
    }

    static StatusRuntimeException unsupported(String what) {
        return Status.UNIMPLEMENTED.withDescription("the test server does not implement " + what).asRuntimeException();
    }

    private final class Health extends QdrantGrpc.QdrantImplBase {
        @Override
        public void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckReply> out) {
            answer(out, () -> HealthCheckReply.newBuilder().setTitle("qdrant - vector search engine")
                    .setVersion(VERSION).build());
        }
    }

    private final class Collections extends CollectionsGrpc.CollectionsImplBase {
        @Override
        public void create(CreateCollection request, StreamObserver<CollectionOperationResponse> out) {
            answer(out, () -> {
                String name = request.getCollectionName();
                if (!name.matches("[^<>:\"/\\\\|?*\\x00]{1,255}")) {
                    throw Status.INVALID_ARGUMENT.withDescription("Validation error in body: collection_name")
                            .asRuntimeException();
                }
                if (!request.getVectorsConfig().hasParams()) {
                    throw unsupported("named or sparse vectors");
                }
                VectorParams params = request.getVectorsConfig().getParams();
                if (params.getDistance() != Distance.Cosine && params.getDistance() != Distance.Dot) {
                    throw unsupported("distance " + params.getDistance());
                }
                if (collections.putIfAbsent(name, new Space(params.getSize(), params.getDistance(),
                        new TreeMap<>())) != null) {
                    throw Status.INVALID_ARGUMENT.withDescription("Wrong input: Collection `" + name
                            + "` already exists!").asRuntimeException();
                }
                return CollectionOperationResponse.newBuilder().setResult(true).build();
            });
        }

        @Override
        public void get(GetCollectionInfoRequest request, StreamObserver<GetCollectionInfoResponse> out) {
            answer(out, () -> {
                Space space = space(request.getCollectionName());
                var params = VectorParams.newBuilder().setSize(space.size()).setDistance(space.distance());
                return GetCollectionInfoResponse.newBuilder().setResult(CollectionInfo.newBuilder()
                        .setStatus(CollectionStatus.Green).setPointsCount(space.points().size()).setSegmentsCount(1)
                        .setConfig(CollectionConfig.newBuilder().setParams(CollectionParams.newBuilder()
                                .setShardNumber(1).setVectorsConfig(VectorsConfig.newBuilder().setParams(params)))))
                        .build();
            });
        }

        @Override
        public void list(ListCollectionsRequest request, StreamObserver<ListCollectionsResponse> out) {
            answer(out, () -> ListCollectionsResponse.newBuilder().addAllCollections(collections.keySet().stream()
                    .map(n -> CollectionDescription.newBuilder().setName(n).build()).toList()).build());
        }

        @Override
        public void delete(DeleteCollection request, StreamObserver<CollectionOperationResponse> out) {
            answer(out, () -> CollectionOperationResponse.newBuilder()
                    .setResult(collections.remove(request.getCollectionName()) != null).build());
        }

        @Override
        public void collectionExists(CollectionExistsRequest request, StreamObserver<CollectionExistsResponse> out) {
            answer(out, () -> CollectionExistsResponse.newBuilder().setResult(CollectionExists.newBuilder()
                    .setExists(collections.containsKey(request.getCollectionName()))).build());
        }
    }
}
