package org.gallery.caption.generator;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Sorts an image's pixels into a small palette of colour names, by hue, saturation and brightness. */
final class ColourNames {

    /** The palette, in the order used to break ties. */
    enum Name {
        BLACK, WHITE, GRAY, RED, ORANGE, BROWN, YELLOW, GREEN, CYAN, BLUE, PURPLE, PINK;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Share(Name name, double fraction) {
    }

    /** Pixels looked at along each side at most: enough for proportions, cheap for any size. */
    private static final int GRID = 96;

    private ColourNames() {
    }

    /** The palette colours present, largest share first; the same image always gives the same list. */
    static List<Share> shares(BufferedImage image) {
        int stepX = Math.max(1, image.getWidth() / GRID);
        int stepY = Math.max(1, image.getHeight() / GRID);
        int[] counts = new int[Name.values().length];
        int total = 0;
        for (int y = stepY / 2; y < image.getHeight(); y += stepY) {
            for (int x = stepX / 2; x < image.getWidth(); x += stepX) {
                counts[classify(image.getRGB(x, y)).ordinal()]++;
                total++;
            }
        }
        List<Share> shares = new ArrayList<>();
        for (Name name : Name.values()) {
            if (counts[name.ordinal()] > 0) {
                shares.add(new Share(name, counts[name.ordinal()] / (double) total));
            }
        }
        shares.sort(Comparator.comparingDouble(Share::fraction).reversed().thenComparing(Share::name));
        return shares;
    }

    static Name classify(int rgb) {
        float[] hsb = Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, null);
        float hue = hsb[0] * 360;
        float saturation = hsb[1];
        float brightness = hsb[2];
        if (brightness < 0.18f) {
            return Name.BLACK;
        }
        if (saturation < 0.15f || saturation < 0.2f && brightness > 0.9f) {
            return brightness > 0.85f ? Name.WHITE : Name.GRAY;
        }
        if (hue < 15 || hue >= 345) {
            if (saturation < 0.5f && brightness > 0.8f) {
                return Name.PINK;
            }
            return brightness < 0.4f ? Name.BROWN : Name.RED;
        }
        if (hue < 45) {
            return brightness < 0.65f ? Name.BROWN : Name.ORANGE;
        }
        if (hue < 70) {
            return Name.YELLOW;
        }
        if (hue < 165) {
            return Name.GREEN;
        }
        if (hue < 195) {
            return Name.CYAN;
        }
        if (hue < 255) {
            return Name.BLUE;
        }
        if (hue < 315) {
            return Name.PURPLE;
        }
        return Name.PINK;
    }
}
