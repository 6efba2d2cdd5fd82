package org.gallery.jobs;

import java.util.UUID;

/** An item handed to {@link Jobs#submit}: the thing to work on and the handler's own plan for it. */
public record PlannedItem(UUID itemId, String plan) {
}
