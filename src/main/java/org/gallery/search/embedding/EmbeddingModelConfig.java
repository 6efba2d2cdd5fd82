package org.gallery.search.embedding;

import java.time.Duration;
import java.util.Optional;
import org.gallery.config.Settings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one embedding model {@code EMBEDDINGS} names, or none when it is {@code off} (the default). */
@Configuration(proxyBeanMethods = false)
class EmbeddingModelConfig {

    @Bean
    Embedder embedder(Settings settings) {
        Settings.Embeddings e = settings.embeddings();
        EmbeddingModel model = switch (e.mode()) {
            case "onnx" -> new OnnxEmbeddingModel(e.modelDir());
            case "openai" -> new OpenAiEmbeddingModel(e.baseUrl(), e.model(), e.apiKey(),
                    Duration.ofSeconds(settings.captions().timeoutSeconds()));
            default -> null;
        };
        return new Embedder(Optional.ofNullable(model));
    }
}
