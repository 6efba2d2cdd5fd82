package org.gallery.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.gallery.shared.Actor;

/**
 * Works through a job's pending items in committed batches of {@link JobHandler#batchSize()}, each ending after
 * about a second. The items of a handler with {@link JobHandler#independentItems()} are worked on side by side by
 * the instance's item threads ({@code JOB_WORKERS} of them, shared by every such job), so that one large job uses
 * every worker the instance has.
 */
final class JobBatches {

    private static final long BATCH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final JobStore store;
    private final String owner;
    private final ExecutorService itemThreads;
    private final BooleanSupplier stopping;

    JobBatches(JobStore store, String owner, ExecutorService itemThreads, BooleanSupplier stopping) {
        this.store = store;
        this.owner = owner;
        this.itemThreads = itemThreads;
        this.stopping = stopping;
    }

    /**
     * @return true when every item is handled, false when the job was handed back because this instance stops
     * @throws JobLost when the job is no longer this worker's
     */
    boolean work(UUID jobId, JobHandler handler, JobRun run, BooleanSupplier lost) throws IOException {
        while (true) {
            List<JobItem> items = store.pending(jobId, handler.batchSize());
            if (items.isEmpty()) {
                return true;
            }
            long start = System.nanoTime();
            // an item not begun in time stays pending and comes back in the next batch
            BooleanSupplier mayBegin = () -> !stopping.getAsBoolean() && System.nanoTime() - start <= BATCH_NANOS;
            List<JobStore.Outcome> outcomes = handler.independentItems()
                    ? sideBySide(run, items, mayBegin, lost)
                    : oneByOne(run, items, mayBegin, lost);
            if (!outcomes.isEmpty() && !store.commit(jobId, owner, outcomes, run.checkpoint())) {
                throw new JobLost();
            }
            if (stopping.getAsBoolean()) {
                store.release(jobId, owner);
                return false;
            }
        }
    }

    private static List<JobStore.Outcome> oneByOne(JobRun run, List<JobItem> items, BooleanSupplier mayBegin,
            BooleanSupplier lost) throws IOException {
        List<JobStore.Outcome> outcomes = new ArrayList<>();
        for (JobItem item : items) {
            if (lost.getAsBoolean()) {
                throw new JobLost();
            }
            if (!mayBegin.getAsBoolean()) {
                break;
            }
            outcomes.add(new JobStore.Outcome(item.seq(), process(run, item)));
        }
        return outcomes;
    }

    private List<JobStore.Outcome> sideBySide(JobRun run, List<JobItem> items, BooleanSupplier mayBegin,
            BooleanSupplier lost) throws IOException {
        Actor actor = Actor.current();
        List<CompletableFuture<ItemOutcome>> futures = new ArrayList<>();
        for (JobItem item : items) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                if (lost.getAsBoolean() || !mayBegin.getAsBoolean()) {
                    return null;
                }
                try {
                    return actor == null ? process(run, item) : actor.call(() -> processUnchecked(run, item));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, itemThreads));
        }
        List<JobStore.Outcome> outcomes = new ArrayList<>();
        IOException failure = null;
        for (int i = 0; i < items.size(); i++) {
            try {
                ItemOutcome outcome = futures.get(i).join();
                if (outcome != null) {
                    outcomes.add(new JobStore.Outcome(items.get(i).seq(), outcome));
                }
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof UncheckedIOException u ? u.getCause()
                            : new IOException(e.getCause());
                }
            }
        }
        if (lost.getAsBoolean()) {
            throw new JobLost();
        }
        if (failure != null) {
            throw failure;
        }
        return outcomes;
    }

    private static ItemOutcome processUnchecked(JobRun run, JobItem item) {
        try {
            return process(run, item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ItemOutcome process(JobRun run, JobItem item) throws IOException {
        try {
            ItemOutcome outcome = run.process(item);
            return outcome == null ? ItemOutcome.done() : outcome;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            return ItemOutcome.failed(JobRunner.message(e));
        }
    }
}
