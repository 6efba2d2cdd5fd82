package org.gallery.db;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;

/**
 * Transactions on SQLite, taken in turns. SQLite lets one connection write at a time (every transaction here
 * begins IMMEDIATE, so every transaction is a writer), and a waiting writer polls with growing sleeps: with many
 * writers some starve past the busy timeout while others keep winning, and the waiters hold pooled connections that
 * plain reads then lack. So a transaction first waits its turn in a fair queue of this process, holding no
 * connection, and is served first come, first served. Other processes on the same file (a CLI command beside the
 * server) still meet SQLite's own busy timeout.
 */
final class SqliteWriteTurns extends JdbcTransactionManager {

    /** One queue per database file, shared by every application context of this process that opens it. */
    private static final Map<String, ReentrantLock> QUEUES = new ConcurrentHashMap<>();

    private final transient ReentrantLock turn;
    private final long patienceMillis;

    SqliteWriteTurns(DataSource dataSource, String jdbcUrl, long patienceMillis) {
        super(dataSource);
        this.turn = QUEUES.computeIfAbsent(jdbcUrl, url -> new ReentrantLock(true));
        this.patienceMillis = patienceMillis;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        try {
            if (!turn.tryLock(patienceMillis, TimeUnit.MILLISECONDS)) {
                throw new CannotAcquireLockException("Waited " + patienceMillis / 1000
                        + " s for the other writes to the database; " + turn.getQueueLength() + " still wait");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotCreateTransactionException("Interrupted while waiting to write to the database", e);
        }
        try {
            super.doBegin(transaction, definition);
        } catch (RuntimeException | Error e) {
            turn.unlock();
            throw e;
        }
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        try {
            super.doCleanupAfterCompletion(transaction);
        } finally {
            if (turn.isHeldByCurrentThread()) {
                turn.unlock();
            }
        }
    }
}
