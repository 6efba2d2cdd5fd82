package org.gallery.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A resumable write on a local disk: the file grows beside its final place as {@code .{name}.part}, a checkpoint is
 * its length after an fsync, a resume truncates it back to that length, and completing renames it into place.
 */
final class LocalResumableWrite implements ResumableWrite {

    private final LocalFileStore store;
    private final FileStore.Key key;
    private final Path part;
    private final FileChannel channel;
    private final OutputStream out;
    private final long resumedAt;

    /** The part file of a stored file: hidden beside it, so listings leave it out. */
    static Path partFile(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".part");
    }

    LocalResumableWrite(LocalFileStore store, FileStore.Key key, Path target, String state) throws IOException {
        this.store = store;
        this.key = key;
        this.part = partFile(target);
        long committed = state == null ? 0 : Long.parseLong(state);
        Files.createDirectories(part.getParent());
        this.channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (channel.size() < committed) {
            channel.close();
            throw new IOException("The partial file " + part + " is shorter than its last checkpoint ("
                    + committed + " bytes); cancel the export and retry it to start over");
        }
        channel.truncate(committed);
        channel.position(committed);
        this.resumedAt = committed;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024);
    }

    @Override
    public long resumedAt() {
        return resumedAt;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public boolean rewritable() {
        return true;
    }

    @Override
    public void rewrite(long offset, byte[] bytes) throws IOException {
        out.flush();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer, offset + buffer.position());
        }
    }

    @Override
    public String checkpoint() throws IOException {
        out.flush();
        channel.force(false);
        return Long.toString(channel.position());
    }

    @Override
    public long complete() throws IOException {
        out.flush();
        channel.force(true);
        long bytes = channel.size();
        channel.close();
        // a crash before the rename leaves the part file, and the writer goes on from its last checkpoint
        store.put(key, part);
        return bytes;
    }

    @Override
    public void abandon() {
        // the part file stays for a retry from the last checkpoint
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was promised beyond the last checkpoint
        }
    }
}
