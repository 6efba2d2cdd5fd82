package org.gallery.search.vector;

import java.util.UUID;
import java.util.function.BiConsumer;

/** The stored vectors of one model, as an index reads them to catch up or rebuild. */
public interface VectorSource {

    /** How many vectors the model has, and the newest one's time: together they tell whether a copy is behind. */
    record State(long count, long newestMadeAt) {
    }

    State state(String model);

    /** Every vector made at or after {@code madeAtFrom} (0: all), in no particular order. */
    void forEach(String model, long madeAtFrom, BiConsumer<UUID, float[]> action);
}
