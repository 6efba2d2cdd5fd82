package org.gallery.caption;

/** Body of {@code POST /images/{id}/caption/generate}; everything but the prompt has a default. */
record GenerateRequest(String prompt, String generator, String model, Integer maxTokens, Boolean save, Boolean useCrop) {

    boolean saving() {
        return save == null || save;
    }

    boolean cropped() {
        return useCrop != null && useCrop;
    }
}
