package org.gallery.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Drops the first bytes written to it: an archive written again from an image's start, kept from part way in. */
final class SkippingOutputStream extends FilterOutputStream {

    private long skip;

    SkippingOutputStream(OutputStream out, long skip) {
        super(out);
        this.skip = skip;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int dropped = (int) Math.min(skip, len);
        skip -= dropped;
        if (len > dropped) {
            out.write(b, off + dropped, len - dropped);
        }
    }
}
