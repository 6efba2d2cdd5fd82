package floor;

import org.jooq.DSLContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** One endpoint that reads the database, so that the pool, jOOQ and the web stack all start as in Gallery. */
@SpringBootApplication
@RestController
public class Floor {

    private final DSLContext db;

    Floor(DSLContext db) {
        this.db = db;
    }

    @GetMapping("/api/v2/health")
    String health() {
        return "{\"status\":\"ok\",\"database\":" + db.selectOne().fetchOne(0, Integer.class) + "}";
    }

    public static void main(String[] args) {
        var context = SpringApplication.run(Floor.class, args);
        if (Boolean.getBoolean("floor.training")) {
            // the training run of the ahead-of-time cache: one request, as Gallery's training run makes a few
            String port = context.getEnvironment().getProperty("local.server.port");
            try (var http = java.net.http.HttpClient.newHttpClient()) {
                http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/v2/health")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            context.close();
        }
    }
}
