package org.gallery.web;

import org.gallery.config.Settings;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
class WebConfig implements WebMvcConfigurer {

    private final Settings settings;

    WebConfig(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (!settings.corsOrigins().isEmpty()) {
            registry.addMapping("/**")
                    .allowedOriginPatterns(settings.corsOrigins().toArray(String[]::new))
                    .allowedMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
                    .exposedHeaders("Location", "ETag", "X-Process-Time", "Content-Disposition")
                    .allowCredentials(!settings.corsOrigins().contains("*"));
        }
    }
}
