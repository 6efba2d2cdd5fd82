package org.gallery.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes small, valid ICC v2 profiles, so that no binary profile has to be kept with the tests. */
final class IccProfileWriter {

    static final double[] D50 = {0.9642, 1.0, 0.8249};

    private record Tag(String signature, byte[] data) {
    }

    private final String deviceClass;
    private final String colourSpace;
    private final String pcs;
    private final List<Tag> tags = new ArrayList<>();

    private IccProfileWriter(String deviceClass, String colourSpace, String pcs) {
        this.deviceClass = deviceClass;
        this.colourSpace = colourSpace;
        this.pcs = pcs;
    }

    /** Adobe RGB (1998): its D50-adapted primaries and its 2.2 gamma. */
    static byte[] adobeRgb() {
        return rgbMatrix("Adobe RGB (1998)", new double[][] {
            {0.60974, 0.31111, 0.01947}, {0.20528, 0.62567, 0.06087}, {0.14919, 0.06322, 0.74457}
        }, 2.19921875);
    }

    /** A matrix/TRC RGB display profile with one gamma for all three channels. */
    static byte[] rgbMatrix(String description, double[][] colorants, double gamma) {
        IccProfileWriter w = new IccProfileWriter("mntr", "RGB ", "XYZ ");
        w.tags.add(new Tag("desc", description(description)));
        w.tags.add(new Tag("wtpt", xyz(D50)));
        w.tags.add(new Tag("rXYZ", xyz(colorants[0])));
        w.tags.add(new Tag("gXYZ", xyz(colorants[1])));
        w.tags.add(new Tag("bXYZ", xyz(colorants[2])));
        byte[] curve = curve(gamma);
        w.tags.add(new Tag("rTRC", curve));
        w.tags.add(new Tag("gTRC", curve));
        w.tags.add(new Tag("bTRC", curve));
        w.tags.add(new Tag("cprt", text("No copyright, generated for tests")));
        return w.bytes();
    }

    /**
     * A CMYK printer profile whose A2B0 table (2 grid points per ink, Lab PCS) maps each corner of the CMYK cube to
     * the given Lab colour. {@code labOfCorner} receives {c, m, y, k} in 0..1.
     */
    static byte[] cmykTable(String description, java.util.function.Function<int[], double[]> labOfCorner) {
        IccProfileWriter w = new IccProfileWriter("prtr", "CMYK", "Lab ");
        w.tags.add(new Tag("desc", description(description)));
        w.tags.add(new Tag("wtpt", xyz(D50)));
        // Grid order: the first input channel varies slowest.
        int[] toLab = new int[16 * 3];
        int i = 0;
        for (int c = 0; c < 2; c++) {
            for (int m = 0; m < 2; m++) {
                for (int y = 0; y < 2; y++) {
                    for (int k = 0; k < 2; k++) {
                        double[] lab = labOfCorner.apply(new int[] {c, m, y, k});
                        toLab[i++] = (int) Math.round(lab[0] * 652.80);
                        toLab[i++] = (int) Math.round((lab[1] + 128) * 256);
                        toLab[i++] = (int) Math.round((lab[2] + 128) * 256);
                    }
                }
            }
        }
        byte[] a2b = lut16(4, 3, toLab);
        // The reverse direction is never used to convert here, but colour engines refuse a printer profile
        // without one: a placeholder that prints everything without ink is enough.
        byte[] b2a = lut16(3, 4, new int[8 * 4]);
        // The same table for every intent: engines look for the intent they were asked for (A2B1 for relative
        // colorimetric) and some do not fall back to A2B0.
        for (String intent : new String[] {"0", "1", "2"}) {
            w.tags.add(new Tag("A2B" + intent, a2b));
            w.tags.add(new Tag("B2A" + intent, b2a));
        }
        w.tags.add(new Tag("cprt", text("No copyright, generated for tests")));
        return w.bytes();
    }

    /** An 'mft2' table with two grid points per input and linear input and output curves. */
    private static byte[] lut16(int inputs, int outputs, int[] grid) {
        ByteBuffer b = ByteBuffer.allocate(12 + 36 + 4 + inputs * 4 + grid.length * 2 + outputs * 4);
        b.put("mft2".getBytes(StandardCharsets.US_ASCII)).putInt(0);
        b.put((byte) inputs).put((byte) outputs).put((byte) 2).put((byte) 0);
        for (int i = 0; i < 9; i++) {
            b.putInt(i % 4 == 0 ? 65536 : 0);
        }
        b.putShort((short) 2).putShort((short) 2);
        for (int i = 0; i < inputs; i++) {
            b.putShort((short) 0).putShort((short) 0xFFFF);
        }
        for (int v : grid) {
            b.putShort((short) v);
        }
        for (int i = 0; i < outputs; i++) {
            b.putShort((short) 0).putShort((short) 0xFFFF);
        }
        return b.array();
    }

    private byte[] bytes() {
        int tableSize = 4 + 12 * tags.size();
        int offset = 128 + tableSize;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer table = ByteBuffer.allocate(tableSize).putInt(tags.size());
        java.util.Map<byte[], Integer> written = new java.util.IdentityHashMap<>();
        for (Tag tag : tags) {
            Integer at = written.get(tag.data);
            if (at == null) {
                at = offset + body.size();
                written.put(tag.data, at);
                body.writeBytes(tag.data);
                while (body.size() % 4 != 0) {
                    body.write(0);
                }
            }
            table.put(tag.signature.getBytes(StandardCharsets.US_ASCII)).putInt(at).putInt(tag.data.length);
        }
        int size = offset + body.size();
        ByteBuffer header = ByteBuffer.allocate(128);
        header.putInt(size).putInt(0).putInt(0x02100000);
        header.put(deviceClass.getBytes(StandardCharsets.US_ASCII));
        header.put(colourSpace.getBytes(StandardCharsets.US_ASCII));
        header.put(pcs.getBytes(StandardCharsets.US_ASCII));
        header.putShort((short) 2025).putShort((short) 1).putShort((short) 1)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0);
        header.put("acsp".getBytes(StandardCharsets.US_ASCII));
        header.position(64);
        header.putInt(0); // rendering intent: perceptual
        for (double v : D50) {
            header.putInt(fixed(v));
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        all.put(header.array()).put(table.array()).put(body.toByteArray());
        return all.array();
    }

    private static byte[] description(String text) {
        byte[] ascii = (text + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(12 + ascii.length + 4 + 4 + 2 + 1 + 67);
        b.put("desc".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(ascii.length).put(ascii);
        return b.array();
    }

    private static byte[] text(String text) {
        byte[] ascii = (text + "\0").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + ascii.length).put("text".getBytes(StandardCharsets.US_ASCII)).putInt(0)
                .put(ascii).array();
    }

    private static byte[] xyz(double[] v) {
        return ByteBuffer.allocate(20).put("XYZ ".getBytes(StandardCharsets.US_ASCII)).putInt(0)
                .putInt(fixed(v[0])).putInt(fixed(v[1])).putInt(fixed(v[2])).array();
    }

    private static byte[] curve(double gamma) {
        return ByteBuffer.allocate(14).put("curv".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(1)
                .putShort((short) Math.round(gamma * 256)).array();
    }

    private static int fixed(double v) {
        return (int) Math.round(v * 65536);
    }
}
