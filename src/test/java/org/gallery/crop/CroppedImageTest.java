package org.gallery.crop;

import org.gallery.testing.ApiTestCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.gallery.testing.Api;
import org.junit.jupiter.api.Test;

class CroppedImageTest extends ApiTestCase {

    @Test
    void cropIsExactAndANewCropIsNeverServedStale() throws Exception {
        // left half red, right half blue
        BufferedImage source = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = source.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 200, 200);
        g.setColor(Color.BLUE);
        g.fillRect(200, 0, 200, 200);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(source, "png", out);
        UUID id = make.image(null, "halves.png", out.toByteArray(), List.of());
        String base = "/api/v2/images/" + id;
        assertThat(api.get(base + "/cropped").status()).isEqualTo(404);

        api.post(base + "/crop", Map.of("x", 10, "y", 20, "width", 150, "height", 100));
        BufferedImage red = read(api.get(base + "/cropped"));
        assertThat(red.getWidth()).isEqualTo(150);
        assertThat(red.getHeight()).isEqualTo(100);
        assertThat(new Color(red.getRGB(75, 50)).getRed()).isGreaterThan(200);

        api.post(base + "/crop", Map.of("x", 250, "y", 0, "width", 150, "height", 200));
        BufferedImage blue = read(api.get(base + "/cropped"));
        assertThat(blue.getWidth()).isEqualTo(150);
        assertThat(new Color(blue.getRGB(75, 100)).getBlue()).isGreaterThan(200);

        BufferedImage scaled = read(api.get(base + "/cropped?max_size=50"));
        assertThat(scaled.getWidth()).isEqualTo(38);
        assertThat(scaled.getHeight()).isEqualTo(50);
        assertThat(read(api.get(base + "/cropped?size=small")).getHeight()).isEqualTo(200);
        assertThat(api.get(base + "/cropped?size=giant").status()).isEqualTo(400);
        assertThat(api.get(base + "/cropped?max_size=0").status()).isEqualTo(400);
    }

    private static BufferedImage read(Api.Response r) throws Exception {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("image/jpeg");
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }
}
