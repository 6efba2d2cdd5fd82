package org.gallery.migration.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gallery.storage.SafeNames;

/**
 * The archives in the archives folder: every {@code *.zip} and {@code *.rar} (not recursive), in name order so that
 * runs are deterministic. The format is decided by the file's first bytes when they are recognisable, so a RAR
 * named {@code .zip} is still read. Later volumes of a multi-volume RAR ({@code X.part2.rar}, ...) are read through
 * the first one and are not archives of their own.
 */
final class ArchiveFiles {

    private static final Pattern ARCHIVE_NAME = Pattern.compile("(?i)^(.+)\\.(zip|rar)$");
    private static final Pattern RAR_VOLUME = Pattern.compile("(?i)^(.+)\\.part0*(\\d+)\\.rar$");
    private static final byte[] ZIP_SIGNATURE = {'P', 'K'};
    private static final byte[] RAR_SIGNATURE = {'R', 'a', 'r', '!', 0x1A, 0x07};

    enum Format { ZIP, RAR }

    /** One archive and the photoset folder name it becomes. */
    record Candidate(Path path, String fileName, String photosetFolder, Format format) {
    }

    private ArchiveFiles() {
    }

    static List<Candidate> list(Path archivesFolder) throws IOException {
        try (Stream<Path> files = Files.list(archivesFolder)) {
            return files.filter(Files::isRegularFile)
                    .map(ArchiveFiles::candidate)
                    .filter(c -> c != null)
                    .sorted(Comparator.comparing(Candidate::fileName))
                    .toList();
        }
    }

    private static Candidate candidate(Path path) {
        String fileName = EntryNames.normalize(path.getFileName().toString());
        Matcher archive = ARCHIVE_NAME.matcher(fileName);
        if (!archive.matches()) {
            return null;
        }
        String stem = archive.group(1);
        Matcher volume = RAR_VOLUME.matcher(fileName);
        if (volume.matches()) {
            if (Integer.parseInt(volume.group(2)) != 1) {
                return null;
            }
            stem = volume.group(1);
        }
        Format byName = archive.group(2).toLowerCase(Locale.ROOT).equals("zip") ? Format.ZIP : Format.RAR;
        return new Candidate(path, fileName, SafeNames.folder(stem), sniff(path, byName));
    }

    private static Format sniff(Path path, Format byName) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(RAR_SIGNATURE.length);
            if (startsWith(head, RAR_SIGNATURE)) {
                return Format.RAR;
            }
            if (startsWith(head, ZIP_SIGNATURE)) {
                return Format.ZIP;
            }
        } catch (IOException unreadable) {
            // reported when the archive is opened for real
        }
        return byName;
    }

    private static boolean startsWith(byte[] head, byte[] signature) {
        return head.length >= signature.length && Arrays.equals(head, 0, signature.length, signature, 0, signature.length);
    }
}
