package org.gallery.auth;

import static org.gallery.auth.AccountTables.AUDIT;
import static org.gallery.auth.AccountTables.AUDIT_ACTOR;
import static org.gallery.auth.AccountTables.AUDIT_AT;
import static org.gallery.auth.AccountTables.AUDIT_ID;
import static org.gallery.auth.AccountTables.AUDIT_KIND;
import static org.gallery.auth.AccountTables.AUDIT_METHOD;
import static org.gallery.auth.AccountTables.AUDIT_PATH;
import static org.gallery.auth.AccountTables.AUDIT_STATUS;
import static org.gallery.auth.AccountTables.AUDIT_TARGET;
import static org.gallery.auth.AccountTables.AUDIT_TOKEN;
import static org.gallery.auth.AccountTables.AUDIT_USER;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.gallery.shared.Actor;
import org.gallery.shared.Ids;
import org.gallery.shared.Times;
import org.gallery.web.Cursor;
import org.gallery.web.Page;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The list of writes: every change made through the API (with its user or token) and the sign-ins. Kinds read
 * {@code method:path.segments}, e.g. {@code post:images.caption} for a caption saved, {@code delete:photosets}.
 */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    public record Filter(UUID userId, String kind, Instant from, Instant to) {
    }

    private final DSLContext db;

    AuditLog(DSLContext db) {
        this.db = db;
    }

    /** Records a write; a failure to record is logged and never fails the write itself, which already happened. */
    public void record(Actor actor, String kind, String method, String path, String targetId, Integer status) {
        try {
            db.insertInto(AUDIT).set(AUDIT_ID, Ids.next()).set(AUDIT_AT, Times.now()).set(AUDIT_ACTOR, actor.name())
                    .set(AUDIT_USER, actor.userId()).set(AUDIT_TOKEN, actor.tokenId()).set(AUDIT_KIND, kind)
                    .set(AUDIT_METHOD, method).set(AUDIT_PATH, truncate(path, 500)).set(AUDIT_TARGET, truncate(targetId, 100))
                    .set(AUDIT_STATUS, status).execute();
        } catch (RuntimeException e) {
            log.warn("Could not record {} by {} in the audit list: {}", kind, actor.name(), e.getMessage());
        }
    }

    /** Newest first, in keyset pages. */
    public Page<AuditEntry> list(Filter filter, String cursor, int limit) {
        Condition where = DSL.noCondition();
        if (filter.userId() != null) {
            where = where.and(AUDIT_USER.eq(filter.userId()));
        }
        if (filter.kind() != null && !filter.kind().isBlank()) {
            String kind = filter.kind().strip().toLowerCase(Locale.ROOT);
            where = where.and(kind.contains(":") ? AUDIT_KIND.eq(kind)
                    : AUDIT_KIND.like("%:" + kind.replace("%", "").replace("_", "\\_") + "%", '\\'));
        }
        if (filter.from() != null) {
            where = where.and(AUDIT_AT.ge(filter.from().toEpochMilli()));
        }
        if (filter.to() != null) {
            where = where.and(AUDIT_AT.lt(filter.to().toEpochMilli()));
        }
        var query = db.select(List.of(AUDIT_ID, AUDIT_AT, AUDIT_ACTOR, AUDIT_USER, AUDIT_TOKEN, AUDIT_KIND, AUDIT_METHOD,
                AUDIT_PATH, AUDIT_TARGET, AUDIT_STATUS)).from(AUDIT).where(where).orderBy(AUDIT_AT.desc(), AUDIT_ID.desc());
        List<AuditEntry> rows;
        if (cursor != null && !cursor.isBlank()) {
            List<String> at = Cursor.decode(cursor, "audit", 2).values();
            long atMillis;
            UUID atId;
            try {
                atMillis = Long.parseLong(at.get(0));
                atId = UUID.fromString(at.get(1));
            } catch (IllegalArgumentException e) {
                throw org.gallery.web.ApiException.invalidField("cursor", "not a cursor returned by this list");
            }
            rows = query.seek(atMillis, atId).limit(limit + 1).fetch(AuditLog::entry);
        } else {
            rows = query.limit(limit + 1).fetch(AuditLog::entry);
        }
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        AuditEntry last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit), new Cursor("audit",
                List.of(String.valueOf(last.at().toEpochMilli()), last.id().toString())).encode());
    }

    private static AuditEntry entry(Record r) {
        return new AuditEntry(r.get(AUDIT_ID), Times.toInstant(r.get(AUDIT_AT)), r.get(AUDIT_ACTOR), r.get(AUDIT_USER),
                r.get(AUDIT_TOKEN), r.get(AUDIT_KIND), r.get(AUDIT_METHOD), r.get(AUDIT_PATH), r.get(AUDIT_TARGET),
                r.get(AUDIT_STATUS));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
