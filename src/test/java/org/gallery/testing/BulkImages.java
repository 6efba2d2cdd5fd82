package org.gallery.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.gallery.shared.Ids;

/**
 * A photoset of tens of thousands of images made in seconds: one image uploaded through the API, the rest written
 * straight into the database in one batch (uploading them would take minutes), each row's file a hard link to the
 * uploaded one, so every thumbnail can really be made (or, asked for, is already there).
 */
public final class BulkImages {

    private BulkImages() {
    }

    /**
     * One photoset of {@code 1 + count} images of 64 × 48 pixels, newest last. With {@code thumbnails}, the small
     * thumbnail of the uploaded image is made once and hard-linked for every other one, as if a thumbnail job had
     * run.
     */
    public static UUID photoset(TestApp app, int count, boolean thumbnails) throws Exception {
        Factories make = new Factories(app.api);
        UUID set = make.photoset();
        UUID first = make.image(set, "IMG_0000000.jpg", TestImages.jpeg(64, 48), List.of());
        var meta = app.api.get("/api/v2/images/" + first + "/metadata").json();
        Path smallThumbnail = null;
        if (thumbnails) {
            var made = app.api.get("/api/v2/images/" + first + "/thumbnail/small");
            if (made.status() != 200) {
                throw new AssertionError("small thumbnail: " + made);
            }
            smallThumbnail = app.settings.storage().thumbnails().resolve(first.toString()).resolve("small.jpg");
        }
        String relPath = app.sql().fetchValue("select rel_path from images where id = ?", first.toString()).toString();
        Path original = app.imagesDir().resolve(relPath);
        String folder = relPath.substring(0, relPath.lastIndexOf('/') + 1);
        long now = System.currentTimeMillis();
        try (Connection c = app.context.getBean(DataSource.class).getConnection()) {
            c.setAutoCommit(false);
            try (var ps = c.prepareStatement("insert into images (id, photoset_id, file_name, original_filename, rel_path, "
                    + "format, mime_type, bytes, sha256, width, height, orientation, taken_at, sort_taken, camera, "
                    + "created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (int i = 1; i <= count; i++) {
                    String name = String.format("IMG_%07d.jpg", i);
                    UUID id = Ids.next();
                    Files.createLink(original.resolveSibling(name), original);
                    if (smallThumbnail != null) {
                        link(smallThumbnail, app.settings.storage().thumbnails().resolve(id.toString()).resolve("small.jpg"));
                    }
                    ps.setObject(1, app.db == Db.POSTGRES ? id : id.toString());
                    ps.setObject(2, app.db == Db.POSTGRES ? set : set.toString());
                    ps.setString(3, name);
                    ps.setString(4, name);
                    ps.setString(5, folder + name);
                    ps.setString(6, "jpeg");
                    ps.setString(7, "image/jpeg");
                    ps.setLong(8, meta.get("bytes").asLong());
                    ps.setString(9, String.format("%064x", i));
                    ps.setInt(10, 64);
                    ps.setInt(11, 48);
                    ps.setInt(12, 1);
                    ps.setObject(13, null);
                    ps.setLong(14, now);
                    ps.setObject(15, null);
                    ps.setLong(16, now + i);
                    ps.setLong(17, now + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (var ps = c.prepareStatement("update photosets set image_count = ? where id = ?")) {
                ps.setInt(1, count + 1);
                ps.setObject(2, app.db == Db.POSTGRES ? set : set.toString());
                ps.executeUpdate();
            }
            c.commit();
        }
        // a write through the API drops the cached photoset, so its new image count is what a page is told
        var put = app.api.put("/api/v2/photosets/" + set, Map.of("tags", List.of("large")));
        if (put.status() != 200) {
            throw new AssertionError("photoset update: " + put);
        }
        return set;
    }

    private static void link(Path existing, Path link) throws IOException {
        Files.createDirectories(link.getParent());
        Files.createLink(link, existing);
    }
}
