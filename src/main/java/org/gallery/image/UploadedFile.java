package org.gallery.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** An upload streamed to a temp file, its SHA-256 computed on the way, never held whole in memory. */
record UploadedFile(Path file, long bytes, String sha256) {

    /** Size and SHA-256 of a file that is already in place. */
    static UploadedFile measure(InputStream in, Path file) throws IOException {
        MessageDigest digest = newDigest();
        long bytes = in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        return new UploadedFile(file, bytes, HexFormat.of().formatHex(digest.digest()));
    }

    static UploadedFile copy(InputStream in, Path target) throws IOException {
        MessageDigest digest = newDigest();
        long bytes;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            bytes = in.transferTo(out);
        }
        return new UploadedFile(target, bytes, HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
