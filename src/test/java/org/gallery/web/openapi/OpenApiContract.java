package org.gallery.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.gallery.testing.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The document /openapi.json serves, checked against real answers: every answer's status must be listed for its
 * operation, and its body must match the schema given for that status and content type. Remembers which
 * operations were exercised, so a scenario can prove it covered them all.
 */
final class OpenApiContract {

    /** Where the document is loaded from when its schemas refer to each other; never fetched. */
    private static final String DOCUMENT_IRI = "urn:gallery:openapi";

    private record Route(String method, String template, Pattern pattern, int variables) {
    }

    private final JsonNode document;
    private final SchemaRegistry schemas;
    private final List<Route> routes = new ArrayList<>();
    private final Set<String> exercised = ConcurrentHashMap.newKeySet();
    private final List<String> disagreements = new ArrayList<>();

    OpenApiContract(Api api, Path dumpTo) throws Exception {
        Api.Response served = api.get("/openapi.json");
        assertThat(served.status()).isEqualTo(200);
        Files.createDirectories(dumpTo.getParent());
        Files.write(dumpTo, served.body());
        this.document = served.json();
        this.schemas = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(DOCUMENT_IRI, served.text())));
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String regex = path.getKey().replaceAll("\\{[^}]+}", "[^/]+");
            int variables = path.getKey().split("\\{", -1).length - 1;
            routes.add(new Route(op.getKey().toUpperCase(), path.getKey(), Pattern.compile(regex), variables));
        }));
        routes.sort(Comparator.comparingInt(Route::variables));
    }

    JsonNode document() {
        return document;
    }

    /** Every operation of the document, as "METHOD /path/{template}". */
    Set<String> operations() {
        Set<String> all = new TreeSet<>();
        routes.forEach(r -> all.add(r.method() + " " + r.template()));
        return all;
    }

    Set<String> exercised() {
        return exercised;
    }

    /** Every answer that disagreed with the document, and how; all of them at once, for one fix. */
    List<String> disagreements() {
        return disagreements;
    }

    /** Checks one real answer against the document, noting any disagreement, and returns the answer. */
    Api.Response check(String method, String path, Api.Response response) {
        String disagreement = disagreement(method, path, response);
        if (disagreement != null) {
            disagreements.add(disagreement);
        }
        return response;
    }

    private String disagreement(String method, String path, Api.Response response) {
        String rawPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        Route route = routes.stream()
                .filter(r -> r.method().equals(method) && r.pattern().matcher(rawPath).matches())
                .findFirst().orElse(null);
        if (route == null) {
            return "the document has no operation for " + method + " " + rawPath;
        }
        String operation = method + " " + route.template();
        exercised.add(operation);
        JsonNode answer = document.get("paths").get(route.template()).get(method.toLowerCase())
                .get("responses").get(String.valueOf(response.status()));
        if (answer == null) {
            return operation + " answered " + response + ", a status the document does not list";
        }
        JsonNode content = answer.get("content");
        String contentType = response.header("Content-Type");
        if (content == null) {
            return response.body().length == 0 ? null
                    : operation + " " + response.status() + " has a body the document does not describe: " + response;
        }
        if (contentType == null) {
            return operation + " " + response.status() + " has no Content-Type";
        }
        String mediaType = contentType.split(";")[0].strip();
        String listed = mediaTypeFor(content, mediaType);
        if (listed == null) {
            return operation + " " + response.status() + " answered " + mediaType + "; the document lists "
                    + content.propertyNames();
        }
        if (mediaType.endsWith("json")) {
            var errors = schema(content.get(listed).get("schema")).validate(response.json());
            return errors.isEmpty() ? null
                    : operation + " " + response.status() + " " + errors + " in " + response.text();
        }
        return response.body().length > 0 ? null : operation + " " + response.status() + " has an empty body";
    }

    private static String mediaTypeFor(JsonNode content, String mediaType) {
        for (String listed : content.propertyNames()) {
            if (listed.equals(mediaType)
                    || listed.endsWith("/*") && mediaType.startsWith(listed.substring(0, listed.length() - 1))) {
                return listed;
            }
        }
        return null;
    }

    /** The schema as it stands in the document, its references pointing into the document. */
    private Schema schema(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        absoluteRefs(copy);
        return schemas.getSchema(copy);
    }

    private static void absoluteRefs(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("$ref") && object.get("$ref").asString().startsWith("#")) {
            object.put("$ref", DOCUMENT_IRI + object.get("$ref").asString());
        }
        for (JsonNode child : node) {
            absoluteRefs(child);
        }
    }
}
