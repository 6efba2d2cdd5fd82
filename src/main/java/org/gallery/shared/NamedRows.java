package org.gallery.shared;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Get-or-create for small name tables (tags, actors) keyed by {@link Names#key}. Safe under concurrency: inserts
 * that lose a race are ignored and the winner's row is read back.
 */
public final class NamedRows {

    private final Table<Record> table;
    private final Field<UUID> id;
    private final Field<String> name;
    private final Field<String> key;
    private final Field<Long> createdAt;

    public NamedRows(Table<Record> table, Field<UUID> id, Field<String> name, Field<String> key, Field<Long> createdAt) {
        this.table = table;
        this.id = id;
        this.name = name;
        this.key = key;
        this.createdAt = createdAt;
    }

    /** Ids by key for the given clean names, creating the missing rows. */
    public Map<String, UUID> ensure(DSLContext db, Collection<String> cleanNames) {
        Map<String, String> byKey = new LinkedHashMap<>();
        cleanNames.forEach(n -> byKey.putIfAbsent(Names.key(n), n));
        if (byKey.isEmpty()) {
            return Map.of();
        }
        Map<String, UUID> ids = existing(db, byKey.keySet());
        long now = Times.now();
        // in key order: two writers adding the same new names in different orders would otherwise each wait on the
        // other's uncommitted row (PostgreSQL answers that deadlock by failing one of them)
        for (var entry : new java.util.TreeMap<>(byKey).entrySet()) {
            if (!ids.containsKey(entry.getKey())) {
                db.insertInto(table, id, name, key, createdAt)
                        .values(Ids.next(), entry.getValue(), entry.getKey(), now)
                        .onConflictDoNothing()
                        .execute();
            }
        }
        if (ids.size() < byKey.size()) {
            ids = existing(db, byKey.keySet());
        }
        return ids;
    }

    private Map<String, UUID> existing(DSLContext db, Collection<String> keys) {
        Map<String, UUID> ids = new LinkedHashMap<>();
        db.select(key, id).from(table).where(key.in(keys)).forEach(r -> ids.put(r.value1(), r.value2()));
        return ids;
    }
}
