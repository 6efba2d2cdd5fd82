package org.gallery.search.vector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Lucene's HNSW graphs on local disk, one index per model under {@code root}. Vectors are unit length and
 * compared by dot product (the cosine). Each commit records how far it reaches in the database (the newest
 * {@code made_at} it holds); {@link #sync} adds what was stored since and rebuilds the index when its count still
 * differs from the database's (an index that is missing, damaged, or missed a delete).
 */
public final class LuceneVectorIndex implements VectorIndex {

    private static final Logger log = LoggerFactory.getLogger(LuceneVectorIndex.class);
    private static final String ID = "id";
    private static final String VECTOR = "v";
    private static final String MADE_UP_TO = "made_up_to";
    /** Candidates the graph search collects before the best k are kept: more is slower and finds more. */
    static final int MIN_CANDIDATES = 100;
    /** Lucene's HNSW format accepts vectors up to this long. */
    public static final int MAX_DIMENSION = 1024;

    private final Path root;
    private final int candidates;
    private final Map<String, Shard> shards = new ConcurrentHashMap<>();
    /** Merging segments rebuilds their graphs: with a worker per core rather than one thread. */
    private final ExecutorService mergeWorkers;
    private final int workers = Math.max(1, Runtime.getRuntime().availableProcessors());

    public LuceneVectorIndex(Path root) {
        this(root, MIN_CANDIDATES);
    }

    /** {@code candidates}: how many neighbours the graph search collects (at least k) before the best k are kept. */
    public LuceneVectorIndex(Path root, int candidates) {
        this.root = root;
        this.candidates = candidates;
        this.mergeWorkers = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("vector-merge-", 0)
                .daemon().factory());
    }

    private record Shard(FSDirectory directory, IndexWriter writer, SearcherManager searchers) {
    }

    @Override
    public String name() {
        return "lucene";
    }

    @Override
    public synchronized void sync(String model, VectorSource source) {
        Shard shard = shard(model);
        try {
            VectorSource.State state = source.state(model);
            String committed = shard.writer().getLiveCommitData() == null ? null : commitData(shard).get(MADE_UP_TO);
            long from = committed == null ? 0 : Long.parseLong(committed);
            if (state.newestMadeAt() >= from && state.count() > 0) {
                source.forEach(model, from, (id, v) -> put(shard, id, v));
            }
            shard.searchers().maybeRefreshBlocking();
            if (docs(shard) != state.count()) {
                log.info("Rebuilding the vector index of {} from the database ({} vectors, the index had {})", model,
                        state.count(), docs(shard));
                shard.writer().deleteAll();
                source.forEach(model, 0, (id, v) -> add(shard, id, v));
            }
            shard.writer().setLiveCommitData(Map.of(MADE_UP_TO, Long.toString(state.newestMadeAt())).entrySet());
            shard.writer().commit();
            shard.searchers().maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String model, UUID imageId, float[] vector) {
        put(shard(model), imageId, vector);
    }

    private static void put(Shard shard, UUID imageId, float[] vector) {
        try {
            shard.writer().updateDocument(new Term(ID, imageId.toString()), document(imageId, vector));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For a rebuild into an empty index: no older copy to look up and replace. */
    private static void add(Shard shard, UUID imageId, float[] vector) {
        try {
            shard.writer().addDocument(document(imageId, vector));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(UUID imageId, float[] vector) {
        if (vector.length > MAX_DIMENSION) {
            throw new IllegalArgumentException("The lucene vector store holds vectors of up to " + MAX_DIMENSION
                    + " values, not " + vector.length + ": choose another VECTOR_STORE for this model");
        }
        Document doc = new Document();
        doc.add(new StringField(ID, imageId.toString(), Field.Store.YES));
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }

    @Override
    public void remove(UUID imageId) {
        for (Shard shard : shards.values()) {
            try {
                shard.writer().deleteDocuments(new Term(ID, imageId.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public List<Hit> search(String model, float[] query, int k, @Nullable Collection<UUID> allowed) {
        if (allowed != null && allowed.isEmpty()) {
            return List.of();
        }
        Shard shard = shard(model);
        try {
            shard.searchers().maybeRefresh();
            IndexSearcher searcher = shard.searchers().acquire();
            try {
                Query filter = allowed == null ? null
                        : new TermInSetQuery(ID, allowed.stream().map(id -> new BytesRef(id.toString())).toList());
                TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, query, Math.max(k, candidates),
                        filter), k);
                List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
                var fields = searcher.storedFields();
                for (ScoreDoc d : top.scoreDocs) {
                    UUID id = UUID.fromString(fields.document(d.doc).get(ID));
                    // Lucene's dot-product score is (1 + cosine) / 2
                    hits.add(new Hit(id, 2 * d.score - 1));
                }
                return hits;
            } finally {
                shard.searchers().release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Shard shard(String model) {
        return shards.computeIfAbsent(model, m -> {
            try {
                Path dir = root.resolve(folderName(m));
                Files.createDirectories(dir);
                FSDirectory directory = FSDirectory.open(dir);
                var format = new Lucene99HnswVectorsFormat(Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN,
                        Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH, workers, mergeWorkers);
                IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(256)
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                        .setCodec(new Lucene104Codec() {
                            @Override
                            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                                return format;
                            }
                        });
                IndexWriter writer = new IndexWriter(directory, config);
                return new Shard(directory, writer, new SearcherManager(writer, null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A model name as a folder name: its safe characters, and a hash so that two names never share a folder. */
    static String folderName(String model) {
        return model.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + Integer.toHexString(model.hashCode());
    }

    private static Map<String, String> commitData(Shard shard) {
        Map<String, String> data = new HashMap<>();
        shard.writer().getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
        return data;
    }

    private static long docs(Shard shard) throws IOException {
        IndexSearcher searcher = shard.searchers().acquire();
        try {
            DirectoryReader reader = (DirectoryReader) searcher.getIndexReader();
            return reader.numDocs();
        } finally {
            shard.searchers().release(searcher);
        }
    }

    /** Commits what was added since the last sync; the next start catches up from the last synced point. */
    @Override
    public synchronized void close() {
        for (Shard shard : shards.values()) {
            try {
                shard.searchers().close();
                shard.writer().close();
                shard.directory().close();
            } catch (IOException e) {
                log.warn("Closing the vector index failed: {}", e.getMessage());
            }
        }
        shards.clear();
        mergeWorkers.shutdownNow();
    }
}
