package org.gallery.jobs;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

final class JobTables {

    private JobTables() {
    }

    static final Table<Record> JOBS = table(name("jobs"));
    static final Field<UUID> ID = field(name("jobs", "id"), SQLDataType.UUID);
    static final Field<String> TYPE = field(name("jobs", "type"), SQLDataType.VARCHAR);
    static final Field<String> STATUS = field(name("jobs", "status"), SQLDataType.VARCHAR);
    static final Field<String> PARAMS = field(name("jobs", "params"), SQLDataType.VARCHAR);
    static final Field<Integer> TOTAL = field(name("jobs", "total"), SQLDataType.INTEGER);
    static final Field<Integer> DONE = field(name("jobs", "done"), SQLDataType.INTEGER);
    static final Field<Integer> FAILED = field(name("jobs", "failed"), SQLDataType.INTEGER);
    static final Field<String> CHECKPOINT = field(name("jobs", "checkpoint"), SQLDataType.VARCHAR);
    static final Field<String> RESULT = field(name("jobs", "result"), SQLDataType.VARCHAR);
    static final Field<String> ERROR = field(name("jobs", "error"), SQLDataType.VARCHAR);
    static final Field<String> OWNER = field(name("jobs", "owner"), SQLDataType.VARCHAR);
    static final Field<Long> HEARTBEAT_AT = field(name("jobs", "heartbeat_at"), SQLDataType.BIGINT);
    static final Field<Integer> ATTEMPTS = field(name("jobs", "attempts"), SQLDataType.INTEGER);
    static final Field<Long> CREATED_AT = field(name("jobs", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> STARTED_AT = field(name("jobs", "started_at"), SQLDataType.BIGINT);
    static final Field<Long> FINISHED_AT = field(name("jobs", "finished_at"), SQLDataType.BIGINT);
    static final Field<Long> UPDATED_AT = field(name("jobs", "updated_at"), SQLDataType.BIGINT);
    /** The user (or {@code cli}) who started it; the job's work is done in that name. */
    static final Field<String> CREATED_BY = field(name("jobs", "created_by"), SQLDataType.VARCHAR);

    static final List<Field<?>> COLUMNS = List.of(ID, TYPE, STATUS, PARAMS, TOTAL, DONE, FAILED, CHECKPOINT, RESULT,
            ERROR, OWNER, HEARTBEAT_AT, ATTEMPTS, CREATED_AT, STARTED_AT, FINISHED_AT, UPDATED_AT);

    static final Table<Record> ITEMS = table(name("job_items"));
    static final Field<UUID> ITEM_JOB = field(name("job_items", "job_id"), SQLDataType.UUID);
    static final Field<Integer> ITEM_SEQ = field(name("job_items", "seq"), SQLDataType.INTEGER);
    static final Field<UUID> ITEM_ID = field(name("job_items", "item_id"), SQLDataType.UUID);
    static final Field<String> ITEM_STATUS = field(name("job_items", "status"), SQLDataType.VARCHAR);
    static final Field<String> ITEM_PLAN = field(name("job_items", "plan"), SQLDataType.VARCHAR);
    static final Field<String> ITEM_RESULT = field(name("job_items", "result"), SQLDataType.VARCHAR);
    static final Field<String> ITEM_ERROR = field(name("job_items", "error"), SQLDataType.VARCHAR);

    static final String PENDING = "pending";
    static final String ITEM_DONE = "done";
    static final String ITEM_FAILED = "failed";
}
