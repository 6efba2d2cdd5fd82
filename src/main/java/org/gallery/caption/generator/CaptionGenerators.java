package org.gallery.caption.generator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Every {@link CaptionGenerator} bean by name, and the one {@code CAPTION_GENERATOR} chose. A request may name another
 * generator; the configured one is the default. Start-up fails when the configured name is unknown or that generator
 * cannot work with the settings.
 */
public final class CaptionGenerators {

    private final Map<String, CaptionGenerator> byName;
    private final CaptionGenerator configured;

    public CaptionGenerators(List<CaptionGenerator> generators, String configuredName) {
        Map<String, CaptionGenerator> map = new TreeMap<>();
        for (CaptionGenerator g : generators) {
            CaptionGenerator clash = map.putIfAbsent(g.name(), g);
            if (clash != null) {
                throw new IllegalStateException("Two caption generators are named '" + g.name() + "': "
                        + clash.getClass().getName() + " and " + g.getClass().getName());
            }
        }
        this.byName = Map.copyOf(map);
        CaptionGenerator chosen = map.get(configuredName);
        if (chosen == null) {
            throw new IllegalStateException("CAPTION_GENERATOR=" + configuredName
                    + " is not a known caption generator; known: " + String.join(", ", map.keySet()));
        }
        chosen.configurationProblem().ifPresent(problem -> {
            throw new IllegalStateException("CAPTION_GENERATOR=" + configuredName + ": " + problem);
        });
        this.configured = chosen;
        LoggerFactory.getLogger(CaptionGenerators.class).info("Caption generator: {} (available: {})", configuredName,
                String.join(", ", map.keySet()));
    }

    /** The generator {@code CAPTION_GENERATOR} chose. */
    public CaptionGenerator configured() {
        return configured;
    }

    /** The generator of that name, if there is one. */
    public Optional<CaptionGenerator> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The named generator, or the configured one when {@code name} is null or blank. */
    public CaptionGenerator get(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return configured;
        }
        return find(name.strip()).orElseThrow(() -> new IllegalArgumentException(
                "unknown caption generator '" + name + "'; known: " + String.join(", ", names())));
    }

    /** The known names, sorted. */
    public Set<String> names() {
        return new java.util.TreeSet<>(byName.keySet());
    }
}
