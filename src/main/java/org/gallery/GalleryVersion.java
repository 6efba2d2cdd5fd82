package org.gallery;

/** The version written into the jar's manifest by the build. */
public final class GalleryVersion {

    private GalleryVersion() {
    }

    public static String current() {
        String v = GalleryVersion.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
