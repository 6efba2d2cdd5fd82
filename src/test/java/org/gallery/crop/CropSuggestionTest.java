package org.gallery.crop;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.gallery.testing.Api;
import org.gallery.testing.Db;
import org.gallery.testing.Factories;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Db.class)
class CropSuggestionTest {

    @Parameter
    Db db;

    @Test
    void squareCropLandsOnTheDetailedRegion() throws Exception {
        Api api = TestApp.of(db).api;
        // flat grey 1200x400 with a colourful checkerboard at the right end
        BufferedImage img = new BufferedImage(1200, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 1200, 400);
        for (int x = 850; x < 1150; x += 20) {
            for (int y = 50; y < 350; y += 20) {
                g.setColor(((x + y) / 20) % 2 == 0 ? Color.RED : Color.YELLOW);
                g.fillRect(x, y, 20, 20);
            }
        }
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        UUID id = new Factories(api).image(null, "detail.png", out.toByteArray(), List.of());

        var r = api.get("/api/v2/images/" + id + "/crop/suggest?aspect_ratio=1:1");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        var s = r.json();
        assertThat(s.get("width").asInt()).isEqualTo(400);
        assertThat(s.get("height").asInt()).isEqualTo(400);
        assertThat(s.get("y").asInt()).isZero();
        assertThat(s.get("x").asInt()).isBetween(750, 800);
        assertThat(s.get("aspect_ratio").asString()).isEqualTo("1:1");

        // the proposal is a valid crop as it stands
        assertThat(api.post("/api/v2/images/" + id + "/crop", Map.of("x", s.get("x").asInt(), "y", 0,
                "width", 400, "height", 400, "aspect_ratio", "1:1")).status()).isEqualTo(200);
        assertThat(api.get("/api/v2/images/" + id + "/crop/suggest?aspect_ratio=wide").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/images/" + id + "/crop/suggest").status()).isEqualTo(400);
        assertThat(api.get("/api/v2/images/" + UUID.randomUUID() + "/crop/suggest?aspect_ratio=1:1").status()).isEqualTo(404);
    }
}
