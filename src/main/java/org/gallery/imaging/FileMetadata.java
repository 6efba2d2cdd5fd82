package org.gallery.imaging;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifReader;
import java.nio.file.Path;
import java.util.List;

/** The metadata Gallery reads from an image file: orientation, date taken and camera all live in its EXIF. */
final class FileMetadata {

    private FileMetadata() {
    }

    /** Empty when the metadata cannot be parsed: such a file is shown as stored, like browsers do. */
    static Metadata read(Path file, ImageFormat format) {
        try {
            return format == ImageFormat.JPEG
                    // only the EXIF segment: parsing XMP (an XML parser per file), ICC and IPTC as well took longer
                    // than the EXIF itself, on every upload
                    ? JpegMetadataReader.readMetadata(file.toFile(), List.of(new ExifReader()))
                    : ImageMetadataReader.readMetadata(file.toFile());
        } catch (Exception unreadable) {
            return new Metadata();
        }
    }
}
