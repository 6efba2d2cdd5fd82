package org.gallery.migration.extract;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on an interactive terminal: one bar per archive (indeterminate until the entry count is known). Warnings
 * are held back while a bar is drawn and printed below it when the archive is done, so they do not garble it.
 */
final class TerminalProgress implements ExtractCommand.ClosableProgress {

    private final PrintWriter out;
    private final List<String> heldWarnings = new ArrayList<>();
    private ProgressBar bar;
    private String label = "";

    TerminalProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void archiveStarted(String archive, int position, int archiveCount) {
        label = "[" + position + "/" + archiveCount + "] " + shorten(archive);
        bar = newBar(-1);
    }

    @Override
    public void entriesKnown(int count) {
        if (bar != null && count >= 0) {
            bar.maxHint(count);
        }
    }

    @Override
    public void entryVisited() {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void warning(String archive, String message) {
        heldWarnings.add("  warning: " + archive + ": " + message);
    }

    @Override
    public void archiveFinished(ArchiveResult result) {
        closeBar();
        out.println(label + ": " + SummaryText.oneLine(result));
        heldWarnings.forEach(out::println);
        heldWarnings.clear();
        out.flush();
    }

    @Override
    public void close() {
        closeBar();
        out.flush();
    }

    private ProgressBar newBar(long max) {
        out.flush();
        return new ProgressBarBuilder()
                .setTaskName(label)
                .setInitialMax(max)
                .setUnit(" entries", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true)))
                .continuousUpdate()
                .build();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private static String shorten(String name) {
        return name.length() <= 40 ? name : name.substring(0, 18) + "…" + name.substring(name.length() - 18);
    }
}
