package org.gallery.caption.generator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.gallery.caption.generator.CaptionBackendException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default generator: no model, no network. It decodes the image and says what any program can see in it, its
 * size, orientation and main colours, e.g. "A landscape photo, 1024x768, mostly blue and white with some green."
 * The same image always gets the same words. Good for trying Gallery out and for tests; not for a dataset.
 */
final class DummyCaptionGenerator implements CaptionGenerator {

    static final String NAME = "dummy";
    static final Duration DEFAULT_WORD_PAUSE = Duration.ofMillis(15);

    private static final Logger log = LoggerFactory.getLogger(DummyCaptionGenerator.class);

    private final Duration wordPause;
    private final AtomicBoolean warned = new AtomicBoolean();

    DummyCaptionGenerator() {
        this(DEFAULT_WORD_PAUSE);
    }

    DummyCaptionGenerator(Duration wordPause) {
        this.wordPause = wordPause;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GeneratedCaption generate(CaptionRequest request) {
        long start = System.nanoTime();
        String text = describe(request.jpeg());
        return new GeneratedCaption(text, NAME, NAME, OpenAiCaptionGenerator.elapsedMs(start), null, null);
    }

    /** Hands the caption out a word at a time, with a short pause, as a model would. */
    @Override
    public GeneratedCaption stream(CaptionRequest request, TokenSink sink) {
        long start = System.nanoTime();
        String text = describe(request.jpeg());
        String[] words = text.split(" ");
        for (int i = 0; i < words.length; i++) {
            if (i > 0) {
                pause();
            }
            sink.accept(i == 0 ? words[i] : " " + words[i]);
        }
        return new GeneratedCaption(text, NAME, NAME, OpenAiCaptionGenerator.elapsedMs(start), null, null);
    }

    String describe(byte[] jpeg) {
        if (warned.compareAndSet(false, true)) {
            log.warn("Captions come from the 'dummy' generator: it is not a real model and only describes size, "
                    + "orientation and colours. Set CAPTION_GENERATOR to openai, ollama or unsloth for real captions.");
        }
        BufferedImage image = decode(jpeg);
        int w = image.getWidth();
        int h = image.getHeight();
        String orientation = w > h ? "landscape" : w < h ? "portrait" : "square";
        return "A " + orientation + " photo, " + w + "x" + h + ", " + colours(ColourNames.shares(image)) + ".";
    }

    /** "almost entirely red", "mostly blue and white with some green". */
    static String colours(List<ColourNames.Share> shares) {
        ColourNames.Share first = shares.getFirst();
        if (first.fraction() >= 0.9) {
            return "almost entirely " + first.name().word();
        }
        List<String> main = new ArrayList<>(List.of(first.name().word()));
        int next = 1;
        if (shares.size() > 1 && shares.get(1).fraction() >= 0.25) {
            main.add(shares.get(1).name().word());
            next = 2;
        }
        List<String> some = new ArrayList<>();
        for (int i = next; i < shares.size() && some.size() < 2; i++) {
            if (shares.get(i).fraction() >= 0.08) {
                some.add(shares.get(i).name().word());
            }
        }
        return "mostly " + String.join(" and ", main) + (some.isEmpty() ? "" : " with some " + String.join(" and ", some));
    }

    private static BufferedImage decode(byte[] jpeg) {
        // a memory-cached stream (ImageIO's default file cache fails on an interrupted thread); read() closes it
        try {
            BufferedImage image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg)));
            if (image != null) {
                return image;
            }
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("dummy caption generation was interrupted");
            }
            throw new CaptionBackendException(Kind.BACKEND_ERROR, NAME, "the image could not be decoded: " + e.getMessage(),
                    null, null, e);
        }
        throw new CaptionBackendException(Kind.BACKEND_ERROR, NAME, "the image could not be decoded");
    }

    private void pause() {
        try {
            Thread.sleep(wordPause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("dummy caption generation was interrupted");
        }
    }
}
