package org.gallery.migration.extract;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gallery.imaging.ImageFormat;
import org.gallery.storage.SafeNames;

/**
 * The file name an image gets in its photoset folder: the entry's own name when its extension fits the format found
 * in the bytes (so {@code IMG_0001.JPG} stays as it is), otherwise the same stem with the format's extension (a JPEG
 * stored as {@code photo.dat} becomes {@code photo.jpg}). Always made safe by {@link SafeNames}.
 */
final class ImageFileNames {

    private static final Map<ImageFormat, List<String>> EXTENSIONS = Map.of(
            ImageFormat.JPEG, List.of(".jpg", ".jpeg", ".jpe", ".jfif"),
            ImageFormat.PNG, List.of(".png"),
            ImageFormat.GIF, List.of(".gif"),
            ImageFormat.WEBP, List.of(".webp"),
            ImageFormat.TIFF, List.of(".tif", ".tiff"),
            ImageFormat.BMP, List.of(".bmp", ".dib"),
            ImageFormat.HEIC, List.of(".heic", ".heif", ".hif"),
            ImageFormat.AVIF, List.of(".avif"));

    private ImageFileNames() {
    }

    static String forEntry(String entryName, ImageFormat format) {
        String last = EntryNames.lastSegment(entryName);
        int dot = last.lastIndexOf('.');
        String extension = dot > 0 ? last.substring(dot) : "";
        boolean fits = EXTENSIONS.getOrDefault(format, List.of()).contains(extension.toLowerCase(Locale.ROOT));
        return SafeNames.fileName(last, fits ? extension : format.extension());
    }

    /** The n-th candidate when the wanted name is taken: {@code IMG_0001_2.jpg}, {@code IMG_0001_3.jpg}, ... */
    static String numbered(String fileName, int n) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        String extension = dot > 0 ? fileName.substring(dot) : "";
        return stem + "_" + n + extension;
    }
}
