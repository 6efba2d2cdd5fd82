package org.gallery.web.openapi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gallery.testing.Api;

/** The calls a contract scenario makes: each answer is checked against the document, each surprise noted. */
abstract class ContractCalls {

    static final String V2 = "/api/v2";

    Api api;
    OpenApiContract contract;
    List<String> unexpected = new ArrayList<>();

    /** Notes an unexpected status and goes on, so that one run shows every surprise. */
    Api.Response expect(int status, Api.Response response) {
        if (response.status() != status) {
            unexpected.add("expected " + status + ", got " + response);
        }
        return response;
    }

    Api.Response check(String method, String path, Api.Response response) {
        return contract.check(method, path, response);
    }

    Api.Response get(String path, String... headers) {
        return check("GET", path, api.get(path, headers));
    }

    Api.Response post(String path, Object json) {
        return check("POST", path, api.post(path, json));
    }

    Api.Response put(String path, Object json) {
        return check("PUT", path, api.put(path, json));
    }

    Api.Response delete(String path) {
        return check("DELETE", path, api.delete(path));
    }

    Api.Response raw(String method, String path, String contentType, String body) {
        return check(method, path, api.raw(method, path, contentType, body.getBytes(StandardCharsets.UTF_8)));
    }

    Api.Response upload(String fileName, byte[] content, Map<String, ?> fields) {
        return check("POST", V2 + "/images", api.upload(fileName, content, fields));
    }

    Api.Response multipart(String path, String fileName, byte[] content, Map<String, ?> fields) {
        return check("POST", path, api.multipart(path, fileName, content, fields));
    }

    Api.Response patch(String path, Object json) {
        return check("PATCH", path, api.patch(path, json));
    }
}
