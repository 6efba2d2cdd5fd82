package org.gallery.web.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.gallery.GalleryVersion;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The OpenAPI document at /openapi.json (OpenAPI 3.1, as springdoc emits it). */
@Configuration
class OpenApiConfig {

    static {
        // job parameters and results, export selections and options: JSON objects of their own shape
        SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class,
                ProblemSchemas.parse("{\"type\": \"object\", \"additionalProperties\": true}"));
        // the caption stream's events are described where it is answered (DocumentCustomizer)
        SpringDocUtils.getConfig().replaceWithSchema(SseEmitter.class, ProblemSchemas.parse("{\"type\": \"string\"}"));
    }

    @Bean
    OpenAPI galleryOpenApi() {
        return new OpenAPI().info(new Info().title("Gallery").version(GalleryVersion.current())
                .description("Photosets, images, captions, crops, tags, background jobs and ZIP exports. Every "
                        + "error is an RFC 9457 application/problem+json body."));
    }

    @Bean
    GalleryModels galleryModels() {
        return new GalleryModels();
    }

    @Bean
    ApiResponsesCustomizer apiResponsesCustomizer() {
        return new ApiResponsesCustomizer();
    }

    @Bean
    DocumentCustomizer documentCustomizer() {
        return new DocumentCustomizer();
    }
}
