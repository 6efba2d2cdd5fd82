package org.gallery.jobs;

import static org.gallery.jobs.JobTables.*;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gallery.shared.Ids;
import org.gallery.shared.Times;
import org.gallery.web.ApiException;
import org.gallery.web.Cursor;
import org.gallery.web.Page;
import org.jooq.Record;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Background jobs: the API features use to submit work and the web layer uses to show and steer it. */
@Service
public class Jobs {

    static final int FAILURES_SHOWN = 100;

    private final JobStore store;
    private final JsonMapper json;
    private final Map<String, JobHandler> handlers;
    private final JobRunner runner;

    Jobs(JobStore store, JsonMapper json, List<JobHandler> handlers, JobRunner runner) {
        this.store = store;
        this.json = json;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::type, Function.identity()));
        this.runner = runner;
    }

    /** Queues a job of a registered type over the given items, all stored in one transaction. */
    public Job submit(String type, JsonNode params, Iterator<PlannedItem> items) {
        if (!handlers.containsKey(type)) {
            throw new IllegalArgumentException("No job handler for type " + type);
        }
        UUID id = Ids.next();
        store.insert(id, type, json.writeValueAsString(params), items);
        runner.wake();
        return get(id);
    }

    public Job get(UUID id) {
        Record r = store.find(id).orElseThrow(() -> ApiException.notFound("Job", id));
        return toJob(r, store.failures(id, FAILURES_SHOWN));
    }

    public Page<Job> list(String status, String type, Integer limitParam, String cursor) {
        int limit = Page.checkLimit(limitParam);
        if (status != null && !JobStatus.ALL.contains(status)) {
            throw ApiException.invalidField("status", "must be one of " + JobStatus.ALL.stream().sorted().toList());
        }
        Long afterCreated = null;
        UUID afterId = null;
        if (cursor != null) {
            List<String> values = Cursor.decode(cursor, "jobs", 2).values();
            try {
                afterCreated = Long.parseLong(values.get(0));
                afterId = UUID.fromString(values.get(1));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("cursor", "not a cursor returned by this list with this sort");
            }
        }
        List<Record> rows = store.list(status, type, afterCreated, afterId, limit + 1);
        List<Job> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            items.add(toJob(rows.get(i), List.of()));
        }
        String next = null;
        if (rows.size() > limit) {
            Record last = rows.get(limit - 1);
            next = new Cursor("jobs", List.of(String.valueOf(last.get(CREATED_AT)), last.get(ID).toString())).encode();
        }
        return new Page<>(items, next);
    }

    /** Stops a queued or running job; what it made so far is removed. A finished job is a 409. */
    public Job cancel(UUID id) {
        String before = store.cancel(id);
        if (before == null) {
            throw ApiException.notFound("Job", id);
        }
        if (!JobStatus.active(before)) {
            throw ApiException.conflict("Job " + id + " is " + before + " and can no longer be cancelled");
        }
        Job job = get(id);
        discard(job.type(), id);
        runner.cancelled(id);
        return job;
    }

    /** Queues a failed or cancelled job again; anything else is a 409. */
    public Job retry(UUID id) {
        String before = store.retry(id);
        if (before == null) {
            throw ApiException.notFound("Job", id);
        }
        if (!JobStatus.FAILED.equals(before) && !JobStatus.CANCELLED.equals(before)) {
            throw new ApiException(HttpStatus.CONFLICT,
                    "Job " + id + " is " + before + "; only failed or cancelled jobs can be retried");
        }
        runner.wake();
        return get(id);
    }

    /** Cancels the job if it is still active, removes its outputs and forgets it. */
    public void delete(UUID id) {
        String type = store.find(id).map(r -> r.get(TYPE)).orElseThrow(() -> ApiException.notFound("Job", id));
        store.cancel(id);
        store.delete(id);
        runner.cancelled(id);
        discard(type, id);
    }

    /** Ids of finished jobs of a type that finished before {@code epochMillis}, oldest first. */
    public List<UUID> finishedBefore(String type, long epochMillis, int limit) {
        return store.finishedBefore(type, epochMillis, limit);
    }

    private void discard(String type, UUID id) {
        JobHandler handler = handlers.get(type);
        if (handler != null) {
            handler.discard(id);
        }
    }

    private Job toJob(Record r, List<Job.Failure> failures) {
        return new Job(r.get(ID), r.get(TYPE), r.get(STATUS),
                new Job.Progress(r.get(DONE), r.get(FAILED), r.get(TOTAL)), failures,
                parse(r.get(PARAMS)), parse(r.get(RESULT)), r.get(ERROR), r.get(ATTEMPTS),
                Times.toInstant(r.get(CREATED_AT)), Times.toInstant(r.get(STARTED_AT)),
                Times.toInstant(r.get(FINISHED_AT)), Times.toInstant(r.get(UPDATED_AT)));
    }

    private JsonNode parse(String text) {
        return text == null ? null : json.readTree(text);
    }
}
