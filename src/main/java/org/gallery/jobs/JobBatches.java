package org.gallery.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.gallery.shared.Actor;

/**
 * Works through a job's pending items in committed batches of {@link JobHandler#batchSize()}, each ending after
 * about a second. The items of a handler with {@link JobHandler#independentItems()} are worked on side by side by
 * the instance's item threads ({@code JOB_WORKERS} of them, shared by every such job), so that one large job uses
 * every worker the instance has; what they finish is committed about every second.
 */
final class JobBatches {

    private static final long BATCH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final JobStore store;
    private final String owner;
    private final ExecutorService itemThreads;
    private final int threads;
    private final BooleanSupplier stopping;

    JobBatches(JobStore store, String owner, ExecutorService itemThreads, int threads, BooleanSupplier stopping) {
        this.store = store;
        this.owner = owner;
        this.itemThreads = itemThreads;
        this.threads = threads;
        this.stopping = stopping;
    }

    /**
     * @return true when every item is handled, false when the job was handed back because this instance stops
     * @throws JobLost when the job is no longer this worker's
     */
    boolean work(UUID jobId, JobHandler handler, JobRun run, BooleanSupplier lost) throws IOException {
        if (handler.independentItems()) {
            return sideBySide(jobId, handler, run, lost);
        }
        while (true) {
            List<JobItem> items = store.pending(jobId, handler.batchSize());
            if (items.isEmpty()) {
                return true;
            }
            long start = System.nanoTime();
            List<JobStore.Outcome> outcomes = new ArrayList<>();
            for (JobItem item : items) {
                if (lost.getAsBoolean()) {
                    throw new JobLost();
                }
                // an item not begun in time stays pending and comes back in the next batch
                if (stopping.getAsBoolean() || System.nanoTime() - start > BATCH_NANOS) {
                    break;
                }
                outcomes.add(new JobStore.Outcome(item.seq(), process(run, item)));
            }
            if (!outcomes.isEmpty() && !store.commit(jobId, owner, outcomes, run.checkpoint())) {
                throw new JobLost();
            }
            if (stopping.getAsBoolean()) {
                store.release(jobId, owner);
                return false;
            }
        }
    }

    /**
     * Keeps the item threads fed without a pause between batches: a few items more than there are threads are
     * queued at any time, and whatever has finished is committed about every second, so a slow item never holds
     * the others up. Items handed out but not finished when the instance stops stay pending.
     */
    private boolean sideBySide(UUID jobId, JobHandler handler, JobRun run, BooleanSupplier lost)
            throws IOException {
        Actor actor = Actor.current();
        Deque<JobItem> fetched = new ArrayDeque<>();
        List<Handed> handed = new ArrayList<>();
        List<JobStore.Outcome> finished = new ArrayList<>();
        int lastFetched = -1;
        boolean allFetched = false;
        IOException failure = null;
        long commitAt = System.nanoTime() + BATCH_NANOS;
        while (true) {
            if (lost.getAsBoolean()) {
                throw new JobLost();
            }
            while (!stopping.getAsBoolean() && failure == null && handed.size() < threads * 2) {
                if (fetched.isEmpty() && !allFetched) {
                    List<JobItem> next = store.pendingAfter(jobId, lastFetched, handler.batchSize());
                    allFetched = next.isEmpty();
                    fetched.addAll(next);
                    lastFetched = next.isEmpty() ? lastFetched : next.getLast().seq();
                }
                JobItem item = fetched.poll();
                if (item == null) {
                    break;
                }
                handed.add(new Handed(item, CompletableFuture.supplyAsync(
                        () -> actor == null ? processUnchecked(run, item) : actor.call(() -> processUnchecked(run, item)),
                        itemThreads)));
            }
            if (!handed.isEmpty()) {
                awaitAny(handed, commitAt);
            }
            for (var it = handed.iterator(); it.hasNext(); ) {
                Handed h = it.next();
                if (!h.outcome().isDone()) {
                    continue;
                }
                it.remove();
                try {
                    finished.add(new JobStore.Outcome(h.item().seq(), h.outcome().join()));
                } catch (CompletionException e) {
                    failure = failure != null ? failure : e.getCause() instanceof UncheckedIOException u
                            ? u.getCause() : new IOException(e.getCause());
                }
            }
            if (handed.isEmpty() || System.nanoTime() >= commitAt) {
                if (!finished.isEmpty() && !store.commit(jobId, owner, finished, run.checkpoint())) {
                    throw new JobLost();
                }
                finished.clear();
                commitAt = System.nanoTime() + BATCH_NANOS;
            }
            if (handed.isEmpty()) {
                if (failure != null) {
                    throw failure;
                }
                if (stopping.getAsBoolean()) {
                    store.release(jobId, owner);
                    return false;
                }
                if (fetched.isEmpty() && allFetched) {
                    return true;
                }
            }
        }
    }

    /** An item given to the item threads. */
    private record Handed(JobItem item, CompletableFuture<ItemOutcome> outcome) {
    }

    /** Returns when one of the items has finished, or at {@code until} (System.nanoTime()). */
    private static void awaitAny(List<Handed> handed, long until) {
        CompletableFuture<Object> any =
                CompletableFuture.anyOf(handed.stream().map(Handed::outcome).toArray(CompletableFuture[]::new));
        try {
            any.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // a timeout is the time to commit; a failed item is picked up by the caller
        } catch (InterruptedException e) {
            // a hurried shutdown: the items handed out still finish, so wait for one rather than spin
            Thread.currentThread().interrupt();
            any.exceptionally(failed -> null).join();
        }
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
