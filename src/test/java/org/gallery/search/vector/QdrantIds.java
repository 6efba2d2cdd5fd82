package org.gallery.search.vector;

import io.grpc.Status;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import java.util.List;
import java.util.UUID;

/**
 * Point ids, filters and stored vectors as the test Qdrant server keeps them: an id is a sortable key (numbers
 * before UUIDs, as Qdrant orders them), a cosine collection stores unit vectors, and filters are evaluated for the
 * {@code has_id} conditions Gallery sends.
 */
final class QdrantIds {

    private QdrantIds() {
    }

    static String key(PointId id) {
        return switch (id.getPointIdOptionsCase()) {
            case NUM -> "0:" + String.format("%020d", id.getNum());
            case UUID -> {
                try {
                    yield "1:" + UUID.fromString(id.getUuid());
                } catch (IllegalArgumentException e) {
                    throw Status.INVALID_ARGUMENT.withDescription("Unable to parse UUID: " + id.getUuid())
                            .asRuntimeException();
                }
            }
            default -> throw Status.INVALID_ARGUMENT.withDescription("Empty point id").asRuntimeException();
        };
    }

    static PointId id(String key) {
        return key.startsWith("0:") ? PointId.newBuilder().setNum(Long.parseLong(key.substring(2))).build()
                : PointId.newBuilder().setUuid(key.substring(2)).build();
    }

    /** Qdrant normalises vectors of a cosine collection on the way in, and compares by dot product. */
    static float[] stored(List<Float> data, Distance distance) {
        float[] v = new float[data.size()];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = data.get(i);
            norm += v[i] * v[i];
        }
        if (distance == Distance.Cosine && norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
        return v;
    }

    /** must: all of them; should: at least one, when there are any; must_not: none. */
    static boolean matches(Filter filter, String key) {
        if (filter.hasMinShould()) {
            throw Status.UNIMPLEMENTED.withDescription("the test server does not implement min_should")
                    .asRuntimeException();
        }
        return filter.getMustList().stream().allMatch(c -> matches(c, key))
                && (filter.getShouldCount() == 0 || filter.getShouldList().stream().anyMatch(c -> matches(c, key)))
                && filter.getMustNotList().stream().noneMatch(c -> matches(c, key));
    }

    private static boolean matches(Condition condition, String key) {
        return switch (condition.getConditionOneOfCase()) {
            case HAS_ID -> condition.getHasId().getHasIdList().stream().anyMatch(id -> key(id).equals(key));
            case FILTER -> matches(condition.getFilter(), key);
            default -> throw Status.UNIMPLEMENTED.withDescription("the test server evaluates has_id conditions only, "
                    + "not " + condition.getConditionOneOfCase()).asRuntimeException();
        };
    }
}
