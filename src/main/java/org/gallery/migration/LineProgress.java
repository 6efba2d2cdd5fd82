package org.gallery.migration;

import java.io.PrintWriter;
import java.time.Duration;

/** Progress as plain lines for logs and pipes: a line when a phase starts, every few seconds, and when it ends. */
final class LineProgress implements StepProgress {

    static final long EVERY_MILLIS = 5_000;

    private final PrintWriter out;
    private String task = "";
    private String unit = "";
    private String status;
    private long total;
    private long done;
    private long started;
    private long lastLine;

    LineProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void start(String task, long total, String unit) {
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.done = 0;
        this.status = null;
        this.started = System.nanoTime();
        this.lastLine = System.currentTimeMillis();
        line(task + ": " + (total >= 0 ? total + " " + unit + " to do" : "started"));
    }

    @Override
    public void step(long units) {
        done += units;
        long now = System.currentTimeMillis();
        if (now - lastLine >= EVERY_MILLIS) {
            lastLine = now;
            line(task + ": " + counts());
        }
    }

    @Override
    public void status(String text) {
        status = text;
    }

    @Override
    public void note(String line) {
        line("  " + line);
    }

    @Override
    public void finish(String text) {
        line(task + ": " + text);
    }

    @Override
    public void close() {
        out.flush();
    }

    private String counts() {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        double rate = done / seconds;
        StringBuilder b = new StringBuilder();
        b.append(done);
        if (total >= 0) {
            b.append('/').append(total).append(' ').append(unit)
                    .append(String.format(" (%d%%)", total == 0 ? 100 : done * 100 / total));
        } else {
            b.append(' ').append(unit);
        }
        b.append(String.format(", %.1f %s/s", rate, unit));
        if (total > done && rate > 0) {
            b.append(", ETA ").append(format(Duration.ofSeconds((long) ((total - done) / rate))));
        }
        if (status != null) {
            b.append(", ").append(status);
        }
        return b.toString();
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }

    private void line(String text) {
        out.println(text);
        out.flush();
    }
}
