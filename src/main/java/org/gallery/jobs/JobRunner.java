package org.gallery.jobs;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gallery.config.Settings;
import org.gallery.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workers of this instance: {@code JOB_WORKERS} threads that claim jobs from the database, run them in
 * committed batches and send heartbeats. A job whose instance died (no heartbeat for the lease time) is claimed
 * again and goes on from its last committed batch. Workers run in the {@code serve} process only, not in the
 * command-line tools.
 */
@Component
class JobRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    static final int MAX_ATTEMPTS = 10;

    private final JobStore store;
    private final JsonMapper json;
    private final Map<String, JobHandler> handlers;
    private final boolean enabled;
    private final int workers;
    private final long leaseMillis;
    private final long pollMillis;
    private final String owner;
    private final Semaphore slots;
    private final Semaphore signal = new Semaphore(0);
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();

    private volatile boolean active;
    private volatile boolean stopping;
    private ExecutorService pool;
    private ExecutorService itemThreads;
    private JobBatches batches;
    private ScheduledExecutorService heartbeats;
    private Thread poller;

    JobRunner(JobStore store, JsonMapper json, List<JobHandler> handlers, Settings settings, Environment env,
            ApplicationContext context) {
        this.store = store;
        this.json = json;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::type, Function.identity()));
        this.enabled = context instanceof WebServerApplicationContext
                && env.getProperty("gallery.jobs.enabled", Boolean.class, true);
        this.workers = settings.jobWorkers();
        this.leaseMillis = TimeUnit.SECONDS.toMillis(env.getProperty("gallery.jobs.lease-seconds", Long.class, 30L));
        this.pollMillis = env.getProperty("gallery.jobs.poll-millis", Long.class, 1000L);
        this.slots = new Semaphore(workers);
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + ":"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    }

    /** A job was queued: look for work now rather than at the next poll. */
    void wake() {
        signal.release();
    }

    /** A job was cancelled or deleted: if it runs here, it stops after its current item. */
    void cancelled(UUID id) {
        Running r = running.get(id);
        if (r != null) {
            r.lost = true;
        }
    }

    String owner() {
        return owner;
    }

    @Override
    public void start() {
        active = true;
        if (!enabled) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "job-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger m = new AtomicInteger();
        itemThreads = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "job-item-" + m.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        batches = new JobBatches(store, owner, itemThreads, workers, () -> stopping);
        heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(200, leaseMillis / 3);
        heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        poller = new Thread(this::poll, "job-poller");
        poller.setDaemon(true);
        poller.start();
        log.info("{} job workers started as {}", workers, owner);
    }

    @Override
    public void stop() {
        active = false;
        if (!enabled || pool == null) {
            return;
        }
        stopping = true;
        poller.interrupt();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        itemThreads.shutdown();
        heartbeats.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return active;
    }

    private void poll() {
        while (!stopping) {
            try {
                slots.acquire();
                boolean handedOver = false;
                try {
                    var claimed = store.claim(owner, leaseMillis);
                    if (claimed.isPresent()) {
                        pool.execute(() -> run(claimed.get()));
                        handedOver = true;
                        continue;
                    }
                } finally {
                    if (!handedOver) {
                        slots.release();
                    }
                }
                signal.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                signal.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                log.warn("Cannot claim jobs: {} ({})", e.getMessage(), cause.toString());
                sleep(pollMillis);
            }
        }
    }

    private void heartbeat() {
        for (Running r : running.values()) {
            try {
                if (!store.heartbeat(r.id, owner)) {
                    r.lost = true;
                }
            } catch (RuntimeException e) {
                log.warn("Cannot record the heartbeat of job {}: {}", r.id, e.getMessage());
            }
        }
    }

    private void run(JobStore.Claimed claimed) {
        Running me = new Running(claimed.id());
        running.put(me.id, me);
        try {
            JobHandler handler = handlers.get(claimed.type());
            if (handler == null) {
                store.fail(me.id, owner, "No handler for jobs of type " + claimed.type() + " in this instance");
                return;
            }
            if (claimed.attempts() > MAX_ATTEMPTS) {
                store.fail(me.id, owner, "Stopped " + (claimed.attempts() - 1) + " times before it could finish");
                return;
            }
            // what the job writes (caption versions above all) is written in the name of whoever started it
            new Actor(claimed.createdBy() == null ? Actor.CLI.name() : claimed.createdBy(), null, null)
                    .run(() -> execute(claimed, handler, me));
        } finally {
            running.remove(me.id);
            slots.release();
            signal.release();
        }
    }

    private void execute(JobStore.Claimed claimed, JobHandler handler, Running me) {
        boolean lost = false;
        try {
            try (JobRun run = handler.open(context(claimed))) {
                if (batches.work(me.id, handler, run, () -> me.lost)) {
                    if (store.countItems(me.id, JobTables.ITEM_DONE) == 0
                            && store.countItems(me.id, JobTables.ITEM_FAILED) > 0) {
                        lost = !store.fail(me.id, owner, "Every item failed; see the failures");
                    } else {
                        JsonNode result = run.finish();
                        lost = !store.succeed(me.id, owner, result == null ? null : json.writeValueAsString(result));
                    }
                }
            }
        } catch (JobLost e) {
            lost = true;
        } catch (Exception e) {
            log.warn("Job {} ({}) failed", me.id, claimed.type(), e);
            lost = !store.fail(me.id, owner, message(e));
        }
        if (lost) {
            String status = store.status(me.id);
            if (status == null || JobStatus.CANCELLED.equals(status)) {
                handler.discard(me.id);
            }
        }
    }

    private JobContext context(JobStore.Claimed claimed) {
        JsonNode params = json.readTree(claimed.params());
        return new JobContext() {
            @Override
            public UUID jobId() {
                return claimed.id();
            }

            @Override
            public JsonNode params() {
                return params;
            }

            @Override
            public String checkpoint() {
                return claimed.checkpoint();
            }

            @Override
            public void forEachDone(Consumer<JobItem> action) {
                store.forEachDone(claimed.id(), action);
            }
        };
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Running {
        final UUID id;
        volatile boolean lost;

        Running(UUID id) {
            this.id = id;
        }
    }
}
