package org.gallery.caption.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DummyCaptionGeneratorTest {

    final DummyCaptionGenerator dummy = new DummyCaptionGenerator();

    @Test
    void namesSizeOrientationAndTheDominantColourOfARedImage() {
        byte[] red = Jpegs.solid(320, 200, Color.RED);

        GeneratedCaption caption = dummy.generate(new CaptionRequest(red, "anything"));

        assertThat(caption.text()).isEqualTo("A landscape photo, 320x200, almost entirely red.");
        assertThat(caption.generator()).isEqualTo("dummy");
        assertThat(caption.model()).isEqualTo("dummy");
    }

    @Test
    void theSameImageAlwaysGetsTheSameText() {
        byte[] image = Jpegs.bands(300, 400, new Color(30, 80, 200), new Color(30, 80, 200), Color.WHITE,
                new Color(40, 160, 60));

        String first = dummy.generate(new CaptionRequest(image, "a")).text();

        assertThat(first).isEqualTo("A portrait photo, 300x400, mostly blue and white with some green.");
        assertThat(new DummyCaptionGenerator().generate(new CaptionRequest(image, "b")).text()).isEqualTo(first);
    }

    @Test
    void aSquareImageSaysSo() {
        assertThat(dummy.generate(new CaptionRequest(Jpegs.solid(64, 64, Color.BLACK), null)).text())
                .isEqualTo("A square photo, 64x64, almost entirely black.");
    }

    @Test
    void streamsTheCaptionWordByWordWithPauses() {
        byte[] red = Jpegs.solid(320, 200, Color.RED);
        List<String> pieces = new CopyOnWriteArrayList<>();
        List<Long> arrivals = new CopyOnWriteArrayList<>();

        GeneratedCaption caption = dummy.stream(new CaptionRequest(red, null), delta -> {
            pieces.add(delta);
            arrivals.add(System.nanoTime());
        });

        assertThat(pieces).containsExactly("A", " landscape", " photo,", " 320x200,", " almost", " entirely", " red.");
        assertThat(String.join("", pieces)).isEqualTo(caption.text());
        assertThat(arrivals.getLast() - arrivals.getFirst())
                .isGreaterThanOrEqualTo(DummyCaptionGenerator.DEFAULT_WORD_PAUSE.toNanos() * (pieces.size() - 1));
    }

    @Test
    void aSinkThatThrowsStopsTheStream() {
        var gone = new IllegalStateException("client went away");
        List<String> pieces = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> dummy.stream(new CaptionRequest(Jpegs.solid(8, 8, Color.RED), null), delta -> {
            pieces.add(delta);
            if (pieces.size() == 2) {
                throw gone;
            }
        })).isSameAs(gone);
        assertThat(pieces).hasSize(2);
    }

    @Test
    void anInterruptStopsTheStream() throws InterruptedException {
        var slow = new DummyCaptionGenerator(Duration.ofSeconds(5));
        var outcome = new AtomicReference<Throwable>();
        var firstWord = new CountDownLatch(1);
        Thread worker = Thread.ofVirtual().start(() -> {
            try {
                slow.stream(new CaptionRequest(Jpegs.solid(8, 8, Color.RED), null), delta -> firstWord.countDown());
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        assertThat(firstWord.await(5, TimeUnit.SECONDS)).isTrue();
        worker.interrupt();
        worker.join(2000);

        assertThat(outcome.get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void bytesThatAreNotAnImageAreABackendError() {
        var e = catchThrowableOfType(CaptionBackendException.class,
                () -> dummy.generate(new CaptionRequest(new byte[] {1, 2, 3}, null)));

        assertThat(e.kind()).isEqualTo(CaptionBackendException.Kind.BACKEND_ERROR);
    }

    @Test
    void coloursAreNamedFromASmallPalette() {
        assertThat(ColourNames.classify(0xff0000)).isEqualTo(ColourNames.Name.RED);
        assertThat(ColourNames.classify(0x00aa00)).isEqualTo(ColourNames.Name.GREEN);
        assertThat(ColourNames.classify(0x1e50c8)).isEqualTo(ColourNames.Name.BLUE);
        assertThat(ColourNames.classify(0xffffff)).isEqualTo(ColourNames.Name.WHITE);
        assertThat(ColourNames.classify(0x808080)).isEqualTo(ColourNames.Name.GRAY);
        assertThat(ColourNames.classify(0x050505)).isEqualTo(ColourNames.Name.BLACK);
        assertThat(ColourNames.classify(0xffd700)).isEqualTo(ColourNames.Name.YELLOW);
        assertThat(ColourNames.classify(0xff8c00)).isEqualTo(ColourNames.Name.ORANGE);
        assertThat(ColourNames.classify(0x8b4513)).isEqualTo(ColourNames.Name.BROWN);
        assertThat(ColourNames.classify(0x800080)).isEqualTo(ColourNames.Name.PURPLE);
        assertThat(ColourNames.classify(0xff69b4)).isEqualTo(ColourNames.Name.PINK);
        assertThat(ColourNames.classify(0xffc0cb)).isEqualTo(ColourNames.Name.PINK);
        assertThat(ColourNames.classify(0x00ced1)).isEqualTo(ColourNames.Name.CYAN);
    }
}
