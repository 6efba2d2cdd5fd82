package org.gallery.crop;

import java.util.UUID;
import org.gallery.image.ImageService;
import org.gallery.imaging.CropRect;
import org.gallery.imaging.ImagingEngine;
import org.gallery.web.ApiException;
import org.springframework.stereotype.Service;

/**
 * Proposes a crop of a given aspect ratio around the most interesting region, as the imaging engine sees it
 * (libvips' attention-based smart crop, or a simpler detail measure in the Java engine), in pixels of the upright
 * image.
 */
@Service
class CropSuggestions {

    record Suggestion(int x, int y, int width, int height, String aspectRatio) {
    }

    private final ImageService images;
    private final ImagingEngine engine;

    CropSuggestions(ImageService images, ImagingEngine engine) {
        this.images = images;
        this.engine = engine;
    }

    Suggestion suggest(UUID imageId, String aspectRatio) {
        int[] ratio = parse(aspectRatio);
        CropRect crop = images.withOriginalFile(imageId, file -> engine.smartCrop(file, ratio[0], ratio[1]));
        return new Suggestion(crop.x(), crop.y(), crop.width(), crop.height(), ratio[0] + ":" + ratio[1]);
    }

    private static int[] parse(String aspectRatio) {
        String value = aspectRatio == null ? "" : aspectRatio.strip();
        String[] parts = value.split("[:x/]");
        try {
            if (parts.length == 2) {
                int w = Integer.parseInt(parts[0].strip());
                int h = Integer.parseInt(parts[1].strip());
                if (w > 0 && h > 0 && w <= 1000 && h <= 1000) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalidField("aspect_ratio", "'" + value + "' is not a ratio like 1:1, 4:3 or 16:9");
    }
}
