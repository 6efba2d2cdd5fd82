package org.gallery.auth;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Locale;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the two ways to authenticate in the API document, on every operation the access rules close, so that
 * generated clients send credentials and "Authorize" in /docs works; the open operations say they need none.
 */
@Configuration
class AuthOpenApi {

    static final String TOKEN = "token";
    static final String SESSION = "session";

    @Bean
    OpenApiCustomizer securitySchemes() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents()
                    .addSecuritySchemes(TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .bearerFormat("gal_...").description("An API token: POST /api/v2/tokens, or `gallery tokens create`"))
                    .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.COOKIE).name(Authenticator.COOKIE)
                            .description("The browser session set by POST /api/v2/auth/login; writes must come from this site (Origin)"));
            List<SecurityRequirement> either = List.of(new SecurityRequirement().addList(TOKEN),
                    new SecurityRequirement().addList(SESSION));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                if (!path.startsWith(AccessRules.API)) {
                    return;
                }
                boolean open = AccessRules.open(method.name().toUpperCase(Locale.ROOT), path);
                operation.setSecurity(open ? List.of() : either);
            }));
        };
    }
}
