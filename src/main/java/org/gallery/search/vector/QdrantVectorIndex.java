package org.gallery.search.vector;

import static io.qdrant.client.ConditionFactory.hasId;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.QueryFactory.nearest;
import static io.qdrant.client.VectorsFactory.vectors;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.SearchParams;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Qdrant server's HNSW indexes, one collection per model and dimension (cosine distance), each point an image whose
 * id is the image's UUID. {@link #sync} compares a collection's point count with the database's and, when they
 * differ, uploads the vectors the collection lacks and deletes the points whose images are gone.
 */
public final class QdrantVectorIndex implements VectorIndex {

    private static final Logger log = LoggerFactory.getLogger(QdrantVectorIndex.class);
    /** Points per upsert, delete or scroll page while catching up. */
    static final int BATCH = 256;
    /** Candidates the graph search keeps (Qdrant's {@code hnsw_ef}), as for the embedded index. */
    static final int MIN_CANDIDATES = 100;
    /** Qdrant's own defaults, written down so that every collection Gallery makes is built alike. */
    private static final int HNSW_M = 16;
    private static final int HNSW_EF_CONSTRUCT = 100;

    private final QdrantCalls qdrant;
    private final QdrantClient client;
    private final String prefix;
    /** Collections known to exist, so that a put asks only once per process. */
    private final Set<String> existing = ConcurrentHashMap.newKeySet();

    QdrantVectorIndex(QdrantCalls qdrant, String prefix) {
        this.qdrant = qdrant;
        this.client = qdrant.client();
        this.prefix = prefix;
    }

    /**
     * Connects to the server at {@code url} (its gRPC port) and checks that it answers and takes the key; a failure
     * stops start-up with one line naming the setting to fix.
     */
    public static QdrantVectorIndex connect(String url, @Nullable String apiKey, String collectionPrefix) {
        return new QdrantVectorIndex(QdrantCalls.connect(url, apiKey), collectionPrefix);
    }

    @Override
    public String name() {
        return "qdrant";
    }

    /** The collection of a model's vectors of one length: safe characters, and a hash so names never collide. */
    String collection(String model, int dimension) {
        return modelPrefix(model) + dimension;
    }

    private String modelPrefix(String model) {
        String safe = model.replaceAll("[^A-Za-z0-9_-]", "_");
        return prefix + safe.substring(0, Math.min(safe.length(), 100)) + "_"
                + Integer.toHexString(model.hashCode()) + "_d";
    }

    @Override
    public synchronized void sync(String model, VectorSource source) {
        VectorSource.State state = source.state(model);
        if (state.count() == 0) {
            // no vectors of this model any more: neither should Qdrant hold any
            for (String name : qdrant.call("list collections", client.listCollectionsAsync())) {
                if (name.startsWith(modelPrefix(model))) {
                    qdrant.call("delete collection " + name, client.deleteCollectionAsync(name));
                    existing.remove(name);
                }
            }
            return;
        }
        int[] dimension = {0};
        source.forEach(model, state.newestMadeAt(), (id, v) -> dimension[0] = v.length);
        String name = collection(model, dimension[0]);
        ensureCollection(name, dimension[0]);
        long points = qdrant.call("count " + name, client.countAsync(name, null, true));
        if (points == state.count()) {
            return;
        }
        log.info("Bringing Qdrant collection {} level with the database ({} vectors, it had {})", name, state.count(),
                points);
        Set<UUID> extra = pointIds(name);
        List<PointStruct> batch = new ArrayList<>(BATCH);
        long[] uploaded = {0};
        source.forEach(model, 0, (id, v) -> {
            if (!extra.remove(id)) {
                batch.add(point(id, v));
                if (batch.size() == BATCH) {
                    uploaded[0] += upsert(name, batch);
                }
            }
        });
        uploaded[0] += upsert(name, batch);
        // what is left belongs to images deleted while the service was away
        List<PointId> gone = extra.stream().map(io.qdrant.client.PointIdFactory::id).toList();
        for (int from = 0; from < gone.size(); from += BATCH) {
            qdrant.call("delete points", client.deleteAsync(name, gone.subList(from, Math.min(gone.size(),
                    from + BATCH))));
        }
        log.info("Qdrant collection {}: {} vectors uploaded, {} points of deleted images removed", name, uploaded[0],
                gone.size());
    }

    private Set<UUID> pointIds(String collection) {
        Set<UUID> ids = new HashSet<>();
        PointId offset = null;
        do {
            ScrollPoints.Builder page = ScrollPoints.newBuilder().setCollectionName(collection).setLimit(BATCH * 16)
                    .setWithPayload(WithPayloadSelectorFactory.enable(false))
                    .setWithVectors(WithVectorsSelectorFactory.enable(false));
            if (offset != null) {
                page.setOffset(offset);
            }
            var answer = qdrant.call("scroll " + collection, client.scrollAsync(page.build()));
            answer.getResultList().forEach(p -> ids.add(UUID.fromString(p.getId().getUuid())));
            offset = answer.hasNextPageOffset() ? answer.getNextPageOffset() : null;
        } while (offset != null);
        return ids;
    }

    private int upsert(String collection, List<PointStruct> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        qdrant.call("upsert into " + collection, client.upsertAsync(UpsertPoints.newBuilder()
                .setCollectionName(collection).addAllPoints(batch).setWait(true).build()));
        int n = batch.size();
        batch.clear();
        return n;
    }

    private static PointStruct point(UUID imageId, float[] vector) {
        return PointStruct.newBuilder().setId(id(imageId)).setVectors(vectors(vector)).build();
    }

    private void ensureCollection(String name, int dimension) {
        if (existing.contains(name)) {
            return;
        }
        if (!qdrant.call("look up collection " + name, client.collectionExistsAsync(name))) {
            var create = CreateCollection.newBuilder().setCollectionName(name)
                    .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder()
                            .setSize(dimension).setDistance(Distance.Cosine)))
                    .setHnswConfig(HnswConfigDiff.newBuilder().setM(HNSW_M).setEfConstruct(HNSW_EF_CONSTRUCT))
                    .build();
            try {
                qdrant.call("create collection " + name, client.createCollectionAsync(create));
                log.info("Created Qdrant collection {} ({} dimensions, cosine)", name, dimension);
            } catch (IllegalStateException e) {
                // another instance of the service may have made it first
                if (!qdrant.call("look up collection " + name, client.collectionExistsAsync(name))) {
                    throw e;
                }
            }
        }
        existing.add(name);
    }

    @Override
    public void put(String model, UUID imageId, float[] vector) {
        String name = collection(model, vector.length);
        ensureCollection(name, vector.length);
        upsert(name, new ArrayList<>(List.of(point(imageId, vector))));
    }

    @Override
    public void remove(UUID imageId) {
        for (String name : qdrant.call("list collections", client.listCollectionsAsync())) {
            if (name.startsWith(prefix)) {
                qdrant.call("delete a point from " + name, client.deleteAsync(name, List.of(id(imageId))));
            }
        }
    }

    @Override
    public List<Hit> search(String model, float[] query, int k, @Nullable Collection<UUID> allowed) {
        if (k <= 0 || (allowed != null && allowed.isEmpty())) {
            return List.of();
        }
        QueryPoints.Builder request = QueryPoints.newBuilder().setCollectionName(collection(model, query.length))
                .setQuery(nearest(query)).setLimit(k)
                .setParams(SearchParams.newBuilder().setHnswEf(Math.max(k, MIN_CANDIDATES)))
                .setWithPayload(WithPayloadSelectorFactory.enable(false));
        if (allowed != null) {
            // applied by Qdrant inside the graph search, so k allowed neighbours come back when there are k
            request.setFilter(Filter.newBuilder().addMust(hasId(allowed.stream().map(
                    io.qdrant.client.PointIdFactory::id).toList())));
        }
        var found = qdrant.callOrEmpty("search", client.queryAsync(request.build()));
        if (found.isEmpty()) {
            return List.of(); // no collection yet: nothing of this model was indexed
        }
        return found.get().stream().map(p -> new Hit(UUID.fromString(p.getId().getUuid()), p.getScore())).toList();
    }

    @Override
    public void close() {
        client.close();
    }
}
