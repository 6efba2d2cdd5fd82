package org.gallery.migration.extract;

import java.io.PrintWriter;

/**
 * Progress as plain lines, for logs and pipes: one line per archive started and finished, a line every few seconds
 * while a long archive is read, and every warning as it happens.
 */
final class PlainProgress implements ExtractCommand.ClosableProgress {

    private static final long EVERY_MILLIS = 5_000;

    private final PrintWriter out;
    private String label = "";
    private int entryCount = -1;
    private int entriesRead;
    private long lastLine;

    PlainProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void archiveStarted(String archive, int position, int archiveCount) {
        label = "[" + position + "/" + archiveCount + "] " + archive;
        entryCount = -1;
        entriesRead = 0;
        lastLine = System.currentTimeMillis();
        line(label + ": reading");
    }

    @Override
    public void entriesKnown(int count) {
        entryCount = count;
    }

    @Override
    public void entryVisited() {
        entriesRead++;
        long now = System.currentTimeMillis();
        if (now - lastLine >= EVERY_MILLIS) {
            lastLine = now;
            line(label + ": " + entriesRead + (entryCount >= 0 ? "/" + entryCount : "") + " entries");
        }
    }

    @Override
    public void warning(String archive, String message) {
        line("  warning: " + archive + ": " + message);
    }

    @Override
    public void archiveFinished(ArchiveResult result) {
        line(label + ": " + SummaryText.oneLine(result));
    }

    @Override
    public void close() {
        out.flush();
    }

    private void line(String text) {
        out.println(text);
        out.flush();
    }
}
