package org.gallery.migration.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.gallery.migration.extract.ExtractedArchives;

/**
 * The files of one photoset folder, in name order, with a fingerprint of their names, sizes and modification times:
 * when the fingerprint is the one recorded after the folder was imported, nothing in it changed. Hidden files (the
 * extract manifest, temporary files) are not photoset files; subfolders and links are left out with a note.
 */
record FolderListing(boolean exists, List<Entry> files, List<String> leftOut, String fingerprint) {

    record Entry(String name, long size, long modifiedMillis) {
    }

    static final String ABSENT = "absent";

    static FolderListing read(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return new FolderListing(false, List.of(), List.of(), ABSENT);
        }
        List<Entry> files = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.startsWith(".") || ExtractedArchives.isBookkeeping(name)) {
                    continue;
                }
                BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isRegularFile()) {
                    files.add(new Entry(name, attributes.size(), attributes.lastModifiedTime().toMillis()));
                } else {
                    leftOut.add(name + (attributes.isDirectory() ? "/ (a subfolder)" : " (a link or special file)"));
                }
            }
        }
        files.sort(Comparator.comparing(Entry::name));
        leftOut.sort(null);
        return new FolderListing(true, List.copyOf(files), List.copyOf(leftOut), fingerprint(files));
    }

    private static String fingerprint(List<Entry> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Entry e : files) {
                digest.update((e.name() + "\u0000" + e.size() + "\u0000" + e.modifiedMillis() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return files.size() + ":" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
