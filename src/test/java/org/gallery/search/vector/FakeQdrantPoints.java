package org.gallery.search.vector;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.PointsGrpc;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CountResult;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.QueryResponse;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Qdrant's points service in the test server: upsert and delete by id (applied before the answer), exact count,
 * scroll in id order, and nearest-neighbour queries by an exact scan, filtered as Qdrant filters.
 */
final class FakeQdrantPoints extends PointsGrpc.PointsImplBase {

    private final FakeQdrantServer server;

    FakeQdrantPoints(FakeQdrantServer server) {
        this.server = server;
    }

    @Override
    public void upsert(UpsertPoints request, StreamObserver<PointsOperationResponse> out) {
        FakeQdrantServer.answer(out, () -> {
            FakeQdrantServer.Space space = server.space(request.getCollectionName());
            Map<String, float[]> parsed = new TreeMap<>();
            for (var point : request.getPointsList()) {
                var vector = point.getVectors().getVector();
                List<Float> data = vector.hasDense() ? vector.getDense().getDataList() : vector.getDataList();
                if (data.size() != space.size()) {
                    throw Status.INVALID_ARGUMENT.withDescription("Wrong input: Vector dimension error: expected "
                            + "dim: " + space.size() + ", got " + data.size()).asRuntimeException();
                }
                parsed.put(QdrantIds.key(point.getId()), QdrantIds.stored(data, space.distance()));
            }
            synchronized (server) {
                space.points().putAll(parsed);
            }
            server.pointsUpserted.addAndGet(parsed.size());
            return updated(request.getWait());
        });
    }

    @Override
    public void delete(DeletePoints request, StreamObserver<PointsOperationResponse> out) {
        FakeQdrantServer.answer(out, () -> {
            FakeQdrantServer.Space space = server.space(request.getCollectionName());
            if (!request.getPoints().hasPoints()) {
                throw FakeQdrantServer.unsupported("deleting by filter");
            }
            synchronized (server) {
                request.getPoints().getPoints().getIdsList().forEach(id -> space.points().remove(QdrantIds.key(id)));
            }
            return updated(request.getWait());
        });
    }

    private PointsOperationResponse updated(boolean waited) {
        // every change is applied before the answer, so a caller that waited finds it Completed
        return PointsOperationResponse.newBuilder().setResult(UpdateResult.newBuilder()
                .setOperationId(server.operations.incrementAndGet())
                .setStatus(waited ? UpdateStatus.Completed : UpdateStatus.Acknowledged)).build();
    }

    @Override
    public void count(CountPoints request, StreamObserver<CountResponse> out) {
        FakeQdrantServer.answer(out, () -> {
            FakeQdrantServer.Space space = server.space(request.getCollectionName());
            long n;
            synchronized (server) {
                n = space.points().keySet().stream().filter(k -> QdrantIds.matches(request.getFilter(), k)).count();
            }
            return CountResponse.newBuilder().setResult(CountResult.newBuilder().setCount(n)).build();
        });
    }

    @Override
    public void scroll(ScrollPoints request, StreamObserver<ScrollResponse> out) {
        FakeQdrantServer.answer(out, () -> {
            if (request.getWithVectors().getEnable() || request.getWithPayload().getEnable()) {
                throw FakeQdrantServer.unsupported("payloads and vectors in scroll answers");
            }
            FakeQdrantServer.Space space = server.space(request.getCollectionName());
            int limit = request.hasLimit() ? request.getLimit() : 10;
            List<String> keys;
            synchronized (server) {
                var from = request.hasOffset() ? space.points().tailMap(QdrantIds.key(request.getOffset()), true)
                        : space.points();
                keys = from.keySet().stream().filter(k -> QdrantIds.matches(request.getFilter(), k))
                        .limit(limit + 1L).toList();
            }
            var answer = ScrollResponse.newBuilder();
            keys.stream().limit(limit).forEach(k -> answer.addResult(RetrievedPoint.newBuilder()
                    .setId(QdrantIds.id(k))));
            if (keys.size() > limit) {
                answer.setNextPageOffset(QdrantIds.id(keys.get(limit)));
            }
            return answer.build();
        });
    }

    @Override
    public void query(QueryPoints request, StreamObserver<QueryResponse> out) {
        FakeQdrantServer.answer(out, () -> {
            if (request.getPrefetchCount() > 0 || !request.getQuery().hasNearest()
                    || !request.getQuery().getNearest().hasDense() || request.hasUsing()) {
                throw FakeQdrantServer.unsupported("queries other than nearest to one dense vector");
            }
            FakeQdrantServer.Space space = server.space(request.getCollectionName());
            List<Float> data = request.getQuery().getNearest().getDense().getDataList();
            if (data.size() != space.size()) {
                throw Status.INVALID_ARGUMENT.withDescription("Wrong input: Vector dimension error: expected dim: "
                        + space.size() + ", got " + data.size()).asRuntimeException();
            }
            float[] query = QdrantIds.stored(data, space.distance());
            List<ScoredPoint> scored = new ArrayList<>();
            synchronized (server) {
                space.points().forEach((k, v) -> {
                    if (QdrantIds.matches(request.getFilter(), k)) {
                        scored.add(ScoredPoint.newBuilder().setId(QdrantIds.id(k)).setScore(dot(v, query))
                                .build());
                    }
                });
            }
            scored.sort(Comparator.comparingDouble(ScoredPoint::getScore).reversed());
            long offset = request.hasOffset() ? request.getOffset() : 0;
            long limit = request.hasLimit() ? request.getLimit() : 10;
            return QueryResponse.newBuilder().addAllResult(scored.stream().skip(offset).limit(limit)
                    .filter(p -> !request.hasScoreThreshold() || p.getScore() >= request.getScoreThreshold())
                    .toList()).build();
        });
    }

    private static float dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return (float) sum;
    }
}
