package org.gallery.search;

import java.util.List;
import org.gallery.image.Image;

/**
 * Near-identical images: the one to keep (the most pixels, then the larger file, then the oldest) and the others,
 * each with its distance in bits from the one to keep.
 */
public record DuplicateGroup(Image keep, List<SimilarImage> others) {
}
