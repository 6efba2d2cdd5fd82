package org.gallery.imaging;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;

/**
 * Brings a decoded image to what a JPEG thumbnail holds: 8-bit sRGB (or 8-bit grey), no alpha. Only images
 * whose profile is not sRGB go through a colour transform; everything else is at most repacked.
 */
final class Colours {

    private Colours() {
    }

    /** An INT_RGB, 3BYTE_BGR, INT_BGR or BYTE_GRAY image in sRGB, transparent parts on white. */
    static BufferedImage toOpaqueSrgb(BufferedImage image) {
        ColorSpace space = image.getColorModel().getColorSpace();
        if (space.getType() == ColorSpace.TYPE_GRAY) {
            return grey(image);
        }
        if (!space.isCS_sRGB()) {
            image = needsConversion(space) ? convertOrIgnoreProfile(image) : relabelAsSrgb(image);
        }
        return switch (image.getType()) {
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_BGR -> image;
            default -> onWhite(image);
        };
    }

    /**
     * The same pixels read in the colour space of an RGB {@code icc} profile the decoder did not apply (a PNG's
     * iCCP), so that {@link #toOpaqueSrgb} converts them; the image as it is when the profile is not an RGB one.
     */
    static BufferedImage withRgbProfile(BufferedImage image, byte[] icc) {
        if (!"RGB ".equals(IccProfiles.colourSpace(icc)) || !IccProfiles.needsConversion(icc)) {
            return image;
        }
        ICC_ColorSpace space;
        try {
            space = new ICC_ColorSpace(ICC_Profile.getInstance(icc));
        } catch (IllegalArgumentException unusable) {
            return image;
        }
        ColorModel model = image.getColorModel();
        if (model.getColorSpace().getType() != ColorSpace.TYPE_RGB) {
            return image;
        }
        if (!(model instanceof ComponentColorModel)) {
            // palettes and packed layouts: unpacked first, with transparent parts already on white
            image = onWhite(image, BufferedImage.TYPE_3BYTE_BGR);
            model = image.getColorModel();
        }
        ColorModel tagged = new ComponentColorModel(space, model.hasAlpha(), model.isAlphaPremultiplied(),
                model.getTransparency(), model.getTransferType());
        return new BufferedImage(tagged, image.getRaster(), model.isAlphaPremultiplied(), null);
    }

    /** Draws the image onto white: flattens alpha and unpacks palettes, 16-bit and packed layouts to INT_RGB. */
    static BufferedImage onWhite(BufferedImage image) {
        return onWhite(image, BufferedImage.TYPE_INT_RGB);
    }

    private static BufferedImage onWhite(BufferedImage image, int type) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static boolean needsConversion(ColorSpace space) {
        if (space instanceof ICC_ColorSpace icc) {
            return IccProfiles.needsConversion(icc.getProfile().getData());
        }
        return space.getType() != ColorSpace.TYPE_RGB;
    }

    /**
     * An RGB profile the colour engine cannot use (a header without tags, say) is ignored, as browsers ignore it:
     * the values are taken as sRGB rather than the image refused.
     */
    private static BufferedImage convertOrIgnoreProfile(BufferedImage image) {
        try {
            return convert(image);
        } catch (RuntimeException unusableProfile) {
            BufferedImage relabelled = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_RGB
                    ? relabelAsSrgb(image) : image;
            if (relabelled == image) {
                throw new ImageRejectedException(ImageRejectedException.Reason.CORRUPT,
                        "The image's colour profile cannot be applied: " + unusableProfile.getMessage());
            }
            return relabelled;
        }
    }

    /** Through the embedded profile into sRGB (the JDK's colour engine, lcms). */
    private static BufferedImage convert(BufferedImage image) {
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        new ColorConvertOp(null).filter(image, out);
        return out;
    }

    /**
     * An sRGB-equivalent profile (a camera's own copy of sRGB) with 8- or 16-bit samples: the same pixels under the
     * JDK's sRGB, so that drawing them later takes the fast paths instead of a per-pixel colour transform.
     */
    private static BufferedImage relabelAsSrgb(BufferedImage image) {
        ColorModel model = image.getColorModel();
        int transfer = model.getTransferType();
        if (!(model instanceof ComponentColorModel)
                || (transfer != DataBuffer.TYPE_BYTE && transfer != DataBuffer.TYPE_USHORT)) {
            return image;
        }
        ColorModel srgb = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), model.hasAlpha(),
                model.isAlphaPremultiplied(), model.getTransparency(), transfer);
        return new BufferedImage(srgb, image.getRaster(), model.isAlphaPremultiplied(), null);
    }

    /**
     * Grey samples are taken as they are. Java's own grey space is linear, so letting Java2D or a colour transform
     * convert them would brighten every grey image.
     */
    private static BufferedImage grey(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int width = image.getWidth();
        int height = image.getHeight();
        int bands = raster.getNumBands();
        boolean alpha = model.hasAlpha() && bands > 1;
        int greyMax = (1 << model.getComponentSize(0)) - 1;
        int alphaMax = alpha ? (1 << model.getComponentSize(bands - 1)) - 1 : 1;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        int[] row = new int[width * bands];
        for (int y = 0; y < height; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, row);
            for (int x = 0; x < width; x++) {
                long grey = Math.round(row[x * bands] * 255.0 / greyMax);
                if (alpha) {
                    double a = row[x * bands + bands - 1] / (double) alphaMax;
                    grey = Math.round(grey * a + 255 * (1 - a));
                }
                dst[y * width + x] = (byte) grey;
            }
        }
        return out;
    }
}
