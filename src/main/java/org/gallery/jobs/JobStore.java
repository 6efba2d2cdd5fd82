package org.gallery.jobs;

import static org.gallery.jobs.JobTables.*;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.val;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.gallery.shared.Actor;
import org.gallery.shared.Times;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The jobs and their items in the application's database. Every change a worker makes is fenced by its owner id
 * and the running status, so a job cancelled, deleted or taken over by another instance never gets a stale write.
 */
@Component
class JobStore {

    private static final int INSERT_BATCH = 500;

    private final DSLContext db;
    private final TransactionTemplate tx;

    JobStore(DSLContext db, TransactionTemplate tx) {
        this.db = db;
        this.tx = tx;
    }

    record Claimed(UUID id, String type, String params, String checkpoint, int attempts, String createdBy) {
    }

    /** Creates a queued job and its items in one transaction. */
    int insert(UUID id, String type, String params, Iterator<PlannedItem> items) {
        Integer total = tx.execute(s -> {
            long now = Times.now();
            db.insertInto(JOBS).set(ID, id).set(TYPE, type).set(STATUS, JobStatus.QUEUED).set(PARAMS, params)
                    .set(TOTAL, 0).set(DONE, 0).set(FAILED, 0).set(ATTEMPTS, 0)
                    .set(CREATED_AT, now).set(UPDATED_AT, now).set(CREATED_BY, Actor.current().name()).execute();
            int seq = 0;
            List<PlannedItem> chunk = new ArrayList<>(INSERT_BATCH);
            while (items.hasNext()) {
                chunk.add(items.next());
                if (chunk.size() == INSERT_BATCH || !items.hasNext()) {
                    var insert = db.insertInto(ITEMS, ITEM_JOB, ITEM_SEQ, ITEM_ID, ITEM_STATUS, ITEM_PLAN);
                    for (PlannedItem item : chunk) {
                        insert = insert.values(id, seq++, item.itemId(), PENDING, item.plan());
                    }
                    insert.execute();
                    chunk.clear();
                }
            }
            db.update(JOBS).set(TOTAL, seq).where(ID.eq(id)).execute();
            return seq;
        });
        return total == null ? 0 : total;
    }

    Optional<Record> find(UUID id) {
        return db.select(COLUMNS).from(JOBS).where(ID.eq(id)).fetchOptional();
    }

    String status(UUID id) {
        return db.select(STATUS).from(JOBS).where(ID.eq(id)).fetchOne(STATUS);
    }

    List<Job.Failure> failures(UUID id, int limit) {
        return db.select(ITEM_ID, ITEM_ERROR).from(ITEMS).where(ITEM_JOB.eq(id)).and(ITEM_STATUS.eq(ITEM_FAILED))
                .orderBy(ITEM_SEQ).limit(limit).fetch(r -> new Job.Failure(r.value1(), r.value2()));
    }

    /** Newest first, keyset on (created_at, id). */
    List<Record> list(String status, String type, Long afterCreated, UUID afterId, int limit) {
        Condition where = DSL.trueCondition();
        if (status != null) {
            where = where.and(STATUS.eq(status));
        }
        if (type != null) {
            where = where.and(TYPE.eq(type));
        }
        if (afterCreated != null) {
            where = where.and(row(CREATED_AT, ID).lt(val(afterCreated), val(afterId)));
        }
        return db.select(COLUMNS).from(JOBS).where(where).orderBy(CREATED_AT.desc(), ID.desc()).limit(limit).fetch();
    }

    /**
     * Takes the oldest queued job, or a running one whose owner stopped sending heartbeats. The update is a
     * compare-and-set on the status and heartbeat read, so two instances never both win; PostgreSQL also skips rows
     * another claimer holds, SQLite's immediate transactions take claims one at a time.
     */
    Optional<Claimed> claim(String owner, long leaseMillis) {
        return Optional.ofNullable(tx.execute(s -> {
            long now = Times.now();
            Condition claimable = STATUS.eq(JobStatus.QUEUED)
                    .or(STATUS.eq(JobStatus.RUNNING).and(HEARTBEAT_AT.lt(now - leaseMillis)));
            var select = db.select(ID, TYPE, PARAMS, CHECKPOINT, ATTEMPTS, STATUS, HEARTBEAT_AT, CREATED_BY).from(JOBS)
                    .where(claimable).orderBy(CREATED_AT, ID).limit(1);
            Record r = db.dialect().family() == SQLDialect.POSTGRES
                    ? select.forUpdate().skipLocked().fetchOne() : select.fetchOne();
            if (r == null) {
                return null;
            }
            UUID id = r.get(ID);
            Long heartbeat = r.get(HEARTBEAT_AT);
            Condition unchanged = ID.eq(id).and(STATUS.eq(r.get(STATUS)))
                    .and(heartbeat == null ? HEARTBEAT_AT.isNull() : HEARTBEAT_AT.eq(heartbeat));
            int taken = db.update(JOBS).set(STATUS, JobStatus.RUNNING).set(OWNER, owner).set(HEARTBEAT_AT, now)
                    .set(ATTEMPTS, ATTEMPTS.plus(1)).set(STARTED_AT, coalesce(STARTED_AT, val(now)))
                    .set(UPDATED_AT, now).where(unchanged).execute();
            return taken == 1 ? new Claimed(id, r.get(TYPE), r.get(PARAMS), r.get(CHECKPOINT), r.get(ATTEMPTS) + 1,
                    r.get(CREATED_BY)) : null;
        }));
    }

    /** The next pending items in planned order. */
    List<JobItem> pending(UUID jobId, int limit) {
        return pendingAfter(jobId, -1, limit);
    }

    /** The next pending items in planned order after item {@code afterSeq}. */
    List<JobItem> pendingAfter(UUID jobId, int afterSeq, int limit) {
        return db.select(ITEM_SEQ, ITEM_ID, ITEM_PLAN).from(ITEMS)
                .where(ITEM_JOB.eq(jobId)).and(ITEM_STATUS.eq(PENDING)).and(ITEM_SEQ.gt(afterSeq))
                .orderBy(ITEM_SEQ).limit(limit)
                .fetch(r -> new JobItem(r.value1(), r.value2(), r.value3(), null));
    }

    void forEachDone(UUID jobId, Consumer<JobItem> action) {
        int after = -1;
        while (true) {
            var rows = db.select(ITEM_SEQ, ITEM_ID, ITEM_PLAN, ITEM_RESULT).from(ITEMS)
                    .where(ITEM_JOB.eq(jobId)).and(ITEM_STATUS.eq(ITEM_DONE)).and(ITEM_SEQ.gt(after))
                    .orderBy(ITEM_SEQ).limit(INSERT_BATCH).fetch();
            for (var r : rows) {
                action.accept(new JobItem(r.value1(), r.value2(), r.value3(), r.value4()));
                after = r.value1();
            }
            if (rows.size() < INSERT_BATCH) {
                return;
            }
        }
    }

    record Outcome(int seq, ItemOutcome outcome) {
    }

    /**
     * Records a batch's outcomes, the progress and the checkpoint in one transaction.
     *
     * @return false when the job is no longer this owner's to run (nothing is written then)
     */
    boolean commit(UUID jobId, String owner, List<Outcome> outcomes, String checkpoint) {
        int ok = (int) outcomes.stream().filter(o -> o.outcome().succeeded()).count();
        int bad = outcomes.size() - ok;
        return Boolean.TRUE.equals(tx.execute(s -> {
            long now = Times.now();
            int owned = db.update(JOBS).set(DONE, DONE.plus(ok)).set(FAILED, FAILED.plus(bad))
                    .set(CHECKPOINT, checkpoint).set(HEARTBEAT_AT, now).set(UPDATED_AT, now)
                    .where(fenced(jobId, owner)).execute();
            if (owned == 0) {
                return false;
            }
            for (Outcome o : outcomes) {
                ItemOutcome out = o.outcome();
                db.update(ITEMS).set(ITEM_STATUS, out.succeeded() ? ITEM_DONE : ITEM_FAILED)
                        .set(ITEM_RESULT, out.result()).set(ITEM_ERROR, out.reason())
                        .where(ITEM_JOB.eq(jobId)).and(ITEM_SEQ.eq(o.seq())).and(ITEM_STATUS.eq(PENDING))
                        .execute();
            }
            return true;
        }));
    }

    boolean heartbeat(UUID jobId, String owner) {
        long now = Times.now();
        return db.update(JOBS).set(HEARTBEAT_AT, now).where(fenced(jobId, owner)).execute() == 1;
    }

    boolean succeed(UUID jobId, String owner, String result) {
        long now = Times.now();
        return db.update(JOBS).set(STATUS, JobStatus.SUCCEEDED).set(RESULT, result).set(FINISHED_AT, now)
                .set(UPDATED_AT, now).setNull(OWNER).setNull(HEARTBEAT_AT).where(fenced(jobId, owner)).execute() == 1;
    }

    boolean fail(UUID jobId, String owner, String error) {
        long now = Times.now();
        return db.update(JOBS).set(STATUS, JobStatus.FAILED).set(ERROR, error).set(FINISHED_AT, now)
                .set(UPDATED_AT, now).setNull(OWNER).setNull(HEARTBEAT_AT).where(fenced(jobId, owner)).execute() == 1;
    }

    /** Hands a job back to the queue (the instance is shutting down); its progress stays. */
    void release(UUID jobId, String owner) {
        db.update(JOBS).set(STATUS, JobStatus.QUEUED).set(UPDATED_AT, Times.now()).setNull(OWNER).setNull(HEARTBEAT_AT)
                .where(fenced(jobId, owner)).execute();
    }

    /** @return the status before, or null when the job does not exist */
    String cancel(UUID jobId) {
        return tx.execute(s -> {
            String before = status(jobId);
            if (before != null && JobStatus.active(before)) {
                long now = Times.now();
                db.update(JOBS).set(STATUS, JobStatus.CANCELLED).set(FINISHED_AT, now).set(UPDATED_AT, now)
                        .setNull(OWNER).setNull(HEARTBEAT_AT)
                        .where(ID.eq(jobId)).and(STATUS.in(JobStatus.QUEUED, JobStatus.RUNNING)).execute();
            }
            return before;
        });
    }

    /**
     * Queues a failed or cancelled job again: a failed one keeps what it finished and redoes its failed items, a
     * cancelled one (whose outputs were removed) starts over.
     *
     * @return the status before, or null when the job does not exist
     */
    String retry(UUID jobId) {
        return tx.execute(s -> {
            String before = status(jobId);
            if (!JobStatus.FAILED.equals(before) && !JobStatus.CANCELLED.equals(before)) {
                return before;
            }
            boolean restart = JobStatus.CANCELLED.equals(before);
            var items = db.update(ITEMS).set(ITEM_STATUS, PENDING).setNull(ITEM_ERROR);
            if (restart) {
                items.setNull(ITEM_RESULT).where(ITEM_JOB.eq(jobId)).and(ITEM_STATUS.ne(PENDING)).execute();
            } else {
                items.where(ITEM_JOB.eq(jobId)).and(ITEM_STATUS.eq(ITEM_FAILED)).execute();
            }
            var job = db.update(JOBS).set(STATUS, JobStatus.QUEUED).set(FAILED, 0).set(ATTEMPTS, 0)
                    .set(UPDATED_AT, Times.now()).setNull(ERROR).setNull(RESULT).setNull(FINISHED_AT)
                    .setNull(OWNER).setNull(HEARTBEAT_AT);
            if (restart) {
                job = job.set(DONE, 0).setNull(CHECKPOINT);
            }
            job.where(ID.eq(jobId)).and(STATUS.eq(before)).execute();
            return before;
        });
    }

    boolean delete(UUID jobId) {
        return tx.execute(s -> {
            db.deleteFrom(ITEMS).where(ITEM_JOB.eq(jobId)).execute();
            return db.deleteFrom(JOBS).where(ID.eq(jobId)).execute() == 1;
        });
    }

    /** Finished jobs of a type that finished before the given time. */
    List<UUID> finishedBefore(String type, long before, int limit) {
        return db.select(ID).from(JOBS).where(TYPE.eq(type)).and(FINISHED_AT.lt(before))
                .and(STATUS.in(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED))
                .orderBy(FINISHED_AT).limit(limit).fetch(ID);
    }

    int countItems(UUID jobId, String status) {
        return db.select(count()).from(ITEMS).where(ITEM_JOB.eq(jobId)).and(ITEM_STATUS.eq(status)).fetchOne(0, int.class);
    }

    private static Condition fenced(UUID jobId, String owner) {
        return ID.eq(jobId).and(OWNER.eq(owner)).and(STATUS.eq(JobStatus.RUNNING));
    }
}
