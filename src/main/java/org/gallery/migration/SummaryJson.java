package org.gallery.migration;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Summaries as JSON for {@code --json}: snake_case names, like the HTTP API. */
public final class SummaryJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private SummaryJson() {
    }

    public static String write(Object summary) {
        return JSON.writeValueAsString(summary);
    }
}
