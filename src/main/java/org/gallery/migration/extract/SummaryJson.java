package org.gallery.migration.extract;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The summary as JSON for {@code --json}: snake_case names, like the HTTP API. */
final class SummaryJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private SummaryJson() {
    }

    static String write(ExtractionSummary summary) {
        return JSON.writeValueAsString(summary);
    }
}
