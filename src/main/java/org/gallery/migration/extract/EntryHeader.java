package org.gallery.migration.extract;

/**
 * What an archive says about one of its entries, before any of its bytes are read. Sizes are what the archive
 * declares and are never trusted as limits; the bytes actually produced are counted instead.
 *
 * @param index position in the archive's own entry order, stable across runs on an unchanged archive
 * @param unsupportedReason why the entry's data cannot be decoded here (an unknown compression method), or null
 */
record EntryHeader(int index, String name, Kind kind, long declaredSize, boolean encrypted, String unsupportedReason) {

    enum Kind { FILE, DIRECTORY, LINK, SPECIAL }

    static EntryHeader file(int index, String name, long declaredSize) {
        return new EntryHeader(index, name, Kind.FILE, declaredSize, false, null);
    }
}
