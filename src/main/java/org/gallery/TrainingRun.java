package org.gallery;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The launcher's training run after a build: the service just started answers what a first visit and a first upload
 * ask of it, then stops. The JVM records the classes this loaded into its ahead-of-time cache, and the launcher keeps
 * the way the service was started for later starts only when every answer here was right.
 */
final class TrainingRun {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final String BOUNDARY = "gallery-training-run";

    private final HttpClient client;
    private final String base;

    private TrainingRun(HttpClient client, int port) {
        this.client = client;
        this.base = "http://127.0.0.1:" + port;
    }

    /** 0 when every answer was what a working service gives, else 1. */
    static int run(ConfigurableApplicationContext context) throws Exception {
        try (context; HttpClient client = HttpClient.newHttpClient()) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            return new TrainingRun(client, port).answersRight() ? 0 : 1;
        }
    }

    private boolean answersRight() throws IOException, InterruptedException {
        boolean right = true;
        for (String path : new String[] {"/api/v2/health", "/api/v2/images", "/api/v2/tags", "/"}) {
            right &= get(path).statusCode() == 200;
        }
        right &= get("/nothing-here").statusCode() == 404;
        HttpResponse<String> upload = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/images"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("training.jpg", photo()))).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(upload.body());
        if (upload.statusCode() != 201 || !id.find()) {
            return false;
        }
        HttpResponse<String> thumbnail = get("/api/v2/images/" + id.group(1) + "/thumbnail/medium");
        return right && thumbnail.statusCode() == 200
                && thumbnail.headers().firstValue("Content-Type").orElse("").equals("image/jpeg");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A photo-sized JPEG, so that the upload runs the same decode and resize as a camera's. */
    private static byte[] photo() throws IOException {
        BufferedImage image = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 160), 1600, 1200, new Color(230, 180, 60)));
        g.fillRect(0, 0, 1600, 1200);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static byte[] multipart(String fileName, byte[] content) {
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }
}
