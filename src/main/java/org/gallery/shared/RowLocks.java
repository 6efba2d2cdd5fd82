package org.gallery.shared;

import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.SelectForUpdateStep;
import org.jooq.Table;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Serialises the writers of one row for the rest of the caller's transaction, so that a write under a row (a
 * caption under an image, an image under a photoset) and the row's deletion cannot overlap.
 *
 * <p>PostgreSQL runs at READ COMMITTED, where two transactions may both read a row and then both write under it;
 * {@code SELECT … FOR UPDATE} makes the second wait for the first and then read what it committed (nothing, if the
 * first deleted the row). SQLite needs no row lock: with {@code transaction_mode=IMMEDIATE} every transaction
 * takes the database's single write lock at its first statement, so a plain read inside it already sees the last
 * commit and nothing changes under it until it ends.
 */
public final class RowLocks {

    private RowLocks() {
    }

    /**
     * Reads and locks one row by its id.
     *
     * @return the columns asked for (the id when none are), or null when the row does not exist
     */
    public static Record lock(DSLContext db, Table<?> table, Field<UUID> id, UUID value, Field<?>... columns) {
        var select = db.select(columns.length == 0 ? new Field<?>[] {id} : columns).from(table).where(id.eq(value));
        return locking(db, select).fetchOne();
    }

    /** The query with {@code FOR UPDATE} on PostgreSQL (see the class comment for SQLite); inside a transaction only. */
    public static <R extends Record> ResultQuery<R> locking(DSLContext db, SelectForUpdateStep<R> select) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A row lock lasts until the transaction ends; call it inside one");
        }
        return db.dialect().family() == SQLDialect.POSTGRES ? select.forUpdate() : select;
    }
}
