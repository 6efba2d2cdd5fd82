package org.gallery.caption;

import java.util.UUID;
import org.gallery.caption.generator.CaptionBackendException;
import org.gallery.caption.generator.CaptionGenerator;
import org.gallery.caption.generator.CaptionGenerators;
import org.gallery.caption.generator.CaptionRequest;
import org.gallery.caption.generator.GeneratedCaption;
import org.gallery.caption.generator.TokenSink;
import org.gallery.config.Settings;
import org.gallery.crop.Crop;
import org.gallery.crop.CropService;
import org.gallery.image.ImageService;
import org.gallery.imaging.CropRect;
import org.gallery.imaging.ImagingEngine;
import org.gallery.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Runs a caption generator on an image (downscaled, cropped when asked) and saves the result as the new current
 * version. A failed or abandoned generation leaves the current caption as it was.
 */
@Service
class CaptionGeneration {

    private static final int MAX_TOKENS_LIMIT = 32_768;

    private final CaptionGenerators generators;
    private final CaptionService captions;
    private final ImageService images;
    private final CropService crops;
    private final ImagingEngine engine;
    private final int imageMaxSize;

    CaptionGeneration(CaptionGenerators generators, CaptionService captions, ImageService images, CropService crops,
            ImagingEngine engine, Settings settings) {
        this.generators = generators;
        this.captions = captions;
        this.images = images;
        this.crops = crops;
        this.engine = engine;
        this.imageMaxSize = settings.captions().imageMaxSize();
    }

    /** The checks that do not need an image: the generator and the limits. */
    CaptionGenerator check(GenerateRequest request) {
        if (request.maxTokens() != null && (request.maxTokens() < 1 || request.maxTokens() > MAX_TOKENS_LIMIT)) {
            throw ApiException.invalidField("max_tokens", "must be between 1 and " + MAX_TOKENS_LIMIT);
        }
        try {
            return generators.get(request.generator());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("generator", e.getMessage());
        }
    }

    /** Checks the request and prepares the image; problems here are answered before any streaming starts. */
    Prepared prepare(UUID imageId, GenerateRequest request) {
        images.get(imageId);
        CaptionGenerator generator = check(request);
        String prompt = request.prompt() == null || request.prompt().isBlank()
                ? CaptionRequest.DEFAULT_PROMPT : request.prompt().strip();
        CropRect rect = null;
        if (request.cropped()) {
            Crop crop = crops.find(imageId).orElseThrow(() -> ApiException.invalidField("use_crop",
                    "image " + imageId + " has no crop"));
            rect = new CropRect(crop.x(), crop.y(), crop.width(), crop.height());
        }
        byte[] jpeg;
        try {
            CropRect region = rect;
            jpeg = images.withOriginalFile(imageId, file -> engine.render(file, region, imageMaxSize, 90));
        } catch (RuntimeException e) {
            if (!images.exists(imageId)) {
                // deleted while its file was read: the file went with it
                throw ApiException.notFound("Image", imageId);
            }
            throw e;
        }
        return new Prepared(imageId, generator, new CaptionRequest(jpeg, prompt, request.model(), request.maxTokens()),
                request.saving());
    }

    record Prepared(UUID imageId, CaptionGenerator generator, CaptionRequest request, boolean save) {
    }

    GenerationResult generate(Prepared p) {
        return finish(p, call(() -> p.generator().generate(p.request())));
    }

    GenerationResult stream(Prepared p, TokenSink sink) {
        return finish(p, call(() -> p.generator().stream(p.request(), sink)));
    }

    private GenerationResult finish(Prepared p, GeneratedCaption made) {
        Caption saved = null;
        if (p.save()) {
            saved = captions.save(p.imageId(), new CaptionVersion(made.text(), Caption.GENERATED, made.generator(),
                    made.model(), p.request().prompt(), made.durationMs(), made.promptTokens(), made.outputTokens()));
        }
        return new GenerationResult(p.imageId(), made.text(), made.generator(), made.model(), p.request().prompt(),
                made.durationMs(), made.promptTokens(), made.outputTokens(), saved);
    }

    private static GeneratedCaption call(java.util.function.Supplier<GeneratedCaption> generation) {
        try {
            return generation.get();
        } catch (CaptionBackendException e) {
            throw asProblem(e);
        }
    }

    static ApiException asProblem(CaptionBackendException e) {
        HttpStatus status = switch (e.kind()) {
            case BACKEND_ERROR -> HttpStatus.BAD_GATEWAY;
            case UNREACHABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
        };
        return new ApiException(status, "Caption generator '" + e.generator() + "': " + e.getMessage());
    }
}
