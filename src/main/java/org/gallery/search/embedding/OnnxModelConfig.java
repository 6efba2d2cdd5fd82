package org.gallery.search.embedding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the parts of an exported model are and how it wants its input: open_clip's layout ({@code visual/},
 * {@code textual/}, {@code preprocess_cfg.json}, {@code config.json}), or Hugging Face's file names for the same
 * facts ({@code preprocessor_config.json}: {@code image_mean}, {@code image_std}, {@code crop_size}).
 */
record OnnxModelConfig(Path visual, Path textual, Path tokenizer, int imageSize, float[] mean, float[] std,
        int contextLength) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    private static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};

    static OnnxModelConfig read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new EmbeddingException("EMBEDDING_MODEL_DIR " + dir + " is not a folder");
        }
        Path visual = first(dir, "visual/model.onnx", "onnx/vision_model.onnx", "vision_model.onnx");
        Path textual = first(dir, "textual/model.onnx", "onnx/text_model.onnx", "text_model.onnx");
        Path tokenizer = first(dir, "textual/tokenizer.json", "tokenizer.json");
        JsonNode pre = json(dir, "visual/preprocess_cfg.json", "preprocessor_config.json");
        JsonNode config = json(dir, "config.json", "textual/config.json");
        int size = size(pre.has("size") ? pre.get("size") : pre.path("crop_size"),
                config.path("vision_cfg").path("image_size").asInt(224));
        float[] mean = floats(pre.has("mean") ? pre.get("mean") : pre.path("image_mean"), CLIP_MEAN);
        float[] std = floats(pre.has("std") ? pre.get("std") : pre.path("image_std"), CLIP_STD);
        int context = config.path("text_cfg").path("context_length")
                .asInt(config.path("text_config").path("max_position_embeddings").asInt(77));
        return new OnnxModelConfig(visual, textual, tokenizer, size, mean, std, context);
    }

    private static Path first(Path dir, String... names) {
        for (String name : names) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new EmbeddingException("EMBEDDING_MODEL_DIR " + dir + " has no " + String.join(" or ", names));
    }

    private static JsonNode json(Path dir, String... names) throws IOException {
        for (String name : names) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return JSON.readTree(dir.resolve(name).toFile());
            }
        }
        return JSON.createObjectNode();
    }

    private static int size(JsonNode node, int fallback) {
        if (node.isInt()) {
            return node.asInt();
        }
        if (node.isArray() && !node.isEmpty()) {
            return node.get(0).asInt();
        }
        if (node.has("height")) {
            return node.get("height").asInt();
        }
        return node.has("shortest_edge") ? node.get("shortest_edge").asInt() : fallback;
    }

    private static float[] floats(JsonNode node, float[] fallback) {
        if (!node.isArray() || node.size() != 3) {
            return fallback;
        }
        return new float[] {(float) node.get(0).asDouble(), (float) node.get(1).asDouble(), (float) node.get(2).asDouble()};
    }
}
