package org.gallery.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A HEIF file's stored size is what the pixel limit checks, not the crop it declares. */
class HeifExtentsTest {

    @TempDir
    Path dir;

    @Test
    void largestStoredImageCountsAndABombIsRefusedBeforeAnyEngineIsAsked() throws Exception {
        // a 256x256 thumbnail item and a 40000x40000 stored image (1.6 gigapixels) in a few hundred bytes
        Path bomb = dir.resolve("bomb.heic");
        Files.write(bomb, heif(new int[] {256, 256}, new int[] {40000, 40000}));

        assertThat(HeifExtents.largestStoredPixels(bomb)).isEqualTo(1_600_000_000L);
        ImageProbe probe = new ImageProbe(200_000_000L, HeifExtentsTest::engineThatMustNotReadHeaders);
        assertThatThrownBy(() -> probe.probe(bomb)).isInstanceOfSatisfying(ImageRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(ImageRejectedException.Reason.TOO_MANY_PIXELS));
    }

    @Test
    void fileWithoutASizeIsRefusedAsCorrupt() throws Exception {
        Path bare = dir.resolve("bare.heic");
        Files.write(bare, HeifFiles.headerOnly(false));

        assertThat(HeifExtents.largestStoredPixels(bare)).isZero();
        assertThatThrownBy(() -> new ImageProbe(200_000_000L, HeifExtentsTest::engineThatMustNotReadHeaders).probe(bare))
                .isInstanceOfSatisfying(ImageRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImageRejectedException.Reason.CORRUPT));
    }

    @Test
    void realFileReportsItsStoredSize() {
        if (!HeifFiles.canEncode()) {
            throw new AssertionError("libvips with libheif is needed to write a HEIC file for this test");
        }
        var picture = TestImages.quadrants(300, 200);
        Path heic = new TestImages(dir).write("q.heic", HeifFiles.encode(picture, false, dir));
        Path avif = new TestImages(dir).write("q.avif", HeifFiles.encode(picture, true, dir));

        // encoders pad to their block size, so the stored image may be a little larger than the picture
        assertThat(HeifExtents.largestStoredPixels(heic)).isBetween(60_000L, 70_000L);
        assertThat(HeifExtents.largestStoredPixels(avif)).isBetween(60_000L, 70_000L);
    }

    /** Reads HEIF as far as the probe can tell, but fails the test if asked to open a header. */
    private static ImagingEngine engineThatMustNotReadHeaders() {
        return (ImagingEngine) java.lang.reflect.Proxy.newProxyInstance(ImagingEngine.class.getClassLoader(),
                new Class<?>[] {ImagingEngine.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "supports" -> true;
                    case "id" -> "test";
                    default -> throw new AssertionError("the engine must not be asked to " + method.getName());
                });
    }

    private static byte[] heif(int[]... sizes) {
        ByteArrayOutputStream ipco = new ByteArrayOutputStream();
        for (int[] size : sizes) {
            ipco.writeBytes(box("ispe", ByteBuffer.allocate(12).putInt(0).putInt(size[0]).putInt(size[1]).array()));
        }
        byte[] iprp = box("iprp", box("ipco", ipco.toByteArray()));
        byte[] meta = box("meta", concat(new byte[4], box("hdlr", new byte[25]), iprp));
        return concat(HeifFiles.headerOnly(false), meta);
    }

    private static byte[] box(String type, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length)
                .put(type.getBytes(StandardCharsets.US_ASCII)).put(body).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
