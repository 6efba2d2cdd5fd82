package org.gallery.migration;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress on an interactive terminal: one bar per phase with counts, rate and ETA; notes wait below it. */
final class BarProgress implements StepProgress {

    private final PrintWriter out;
    private final List<String> held = new ArrayList<>();
    private ProgressBar bar;

    BarProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void start(String task, long total, String unit) {
        closeBar();
        out.flush();
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true)))
                .continuousUpdate()
                .build();
    }

    @Override
    public void step(long units) {
        if (bar != null) {
            bar.stepBy(units);
        }
    }

    @Override
    public void status(String text) {
        if (bar != null) {
            bar.setExtraMessage(" " + text);
        }
    }

    @Override
    public void note(String line) {
        held.add("  " + line);
    }

    @Override
    public void finish(String line) {
        String task = bar != null ? bar.getTaskName() : "";
        closeBar();
        out.println(task.isEmpty() ? line : task + ": " + line);
        held.forEach(out::println);
        held.clear();
        out.flush();
    }

    @Override
    public void close() {
        closeBar();
        held.forEach(out::println);
        held.clear();
        out.flush();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
