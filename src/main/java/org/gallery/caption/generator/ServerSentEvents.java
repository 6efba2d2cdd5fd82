package org.gallery.caption.generator;

import java.util.function.Predicate;

/**
 * Splits a {@code text/event-stream} body into events and hands each event's data to a handler (WHATWG HTML,
 * "Server-sent events"): {@code data:} lines are joined with line breaks, a blank line ends the event, comments
 * ({@code :}) and the other fields are skipped.
 */
final class ServerSentEvents implements BackendClient.BodyReader {

    private final Predicate<String> onData;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    /** {@code onData} returns true when the stream is complete. */
    ServerSentEvents(Predicate<String> onData) {
        this.onData = onData;
    }

    @Override
    public boolean line(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return false;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        if (!field.equals("data")) {
            return false;
        }
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (hasData) {
            data.append('\n');
        }
        data.append(value);
        hasData = true;
        return false;
    }

    @Override
    public void end() {
        dispatch();
    }

    private boolean dispatch() {
        if (!hasData) {
            return false;
        }
        String event = data.toString();
        data.setLength(0);
        hasData = false;
        return onData.test(event);
    }
}
