package org.gallery.caption.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * A chunked response body written by a test script, so that the test decides when each piece leaves the server
 * (each {@link Out#send} is one HTTP chunk, flushed at once) and learns when the client has gone away (a send fails).
 */
final class ScriptedBody implements MockResponseBody {

    interface Script {
        void run(Out out) throws IOException, InterruptedException;
    }

    static final class Out {
        private final BufferedSink sink;

        private Out(BufferedSink sink) {
            this.sink = sink;
        }

        /** Writes one chunk and flushes it to the socket. */
        void send(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n").write(bytes).writeUtf8("\r\n");
            sink.flush();
        }
    }

    private final Script script;

    private ScriptedBody(Script script) {
        this.script = script;
    }

    static MockResponse response(String contentType, Script script) {
        return new MockResponse.Builder()
                .code(200)
                .body(new ScriptedBody(script))
                .removeHeader("Content-Length")
                .setHeader("Content-Type", contentType)
                .setHeader("Transfer-Encoding", "chunked")
                .build();
    }

    @Override
    public long getContentLength() {
        return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        try {
            script.run(new Out(sink));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        sink.writeUtf8("0\r\n\r\n");
        sink.flush();
    }
}
