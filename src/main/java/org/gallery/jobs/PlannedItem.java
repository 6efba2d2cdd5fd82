package org.gallery.jobs;

import java.util.Iterator;
import java.util.UUID;

/** An item handed to {@link Jobs#submit}: the thing to work on and the handler's own plan for it. */
public record PlannedItem(UUID itemId, String plan) {

    /** One item without a plan per id, read as the job is planned (a selection may be too large to hold). */
    public static Iterator<PlannedItem> each(Iterator<UUID> ids) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public PlannedItem next() {
                return new PlannedItem(ids.next(), null);
            }
        };
    }
}
