package org.gallery.storage;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.AbstractResource;

/**
 * A stored file as a response body, with its length known up front, so the web layer answers {@code Range}
 * requests. Skipping before the first read moves the start instead of reading, so a range of a file in a bucket
 * is fetched as that range alone.
 */
public final class StoredFileResource extends AbstractResource {

    private final FileStore files;
    private final FileStore.Key key;
    private final long length;
    private final String fileName;

    public StoredFileResource(FileStore files, FileStore.Key key, long length, String fileName) {
        this.files = files;
        this.key = key;
        this.length = length;
        this.fileName = fileName;
    }

    @Override
    public String getDescription() {
        return "stored file " + key.area() + "/" + key.path();
    }

    @Override
    public String getFilename() {
        return fileName;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public InputStream getInputStream() {
        return new InputStream() {
            private long start;
            private InputStream in;

            private InputStream in() throws IOException {
                if (in == null) {
                    in = files.open(key, start, -1);
                }
                return in;
            }

            @Override
            public long skip(long n) throws IOException {
                if (in == null) {
                    long skipped = Math.max(0, Math.min(n, length - start));
                    start += skipped;
                    return skipped;
                }
                return in.skip(n);
            }

            @Override
            public int read() throws IOException {
                return in().read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in().read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (in != null) {
                    in.close();
                }
            }
        };
    }
}
