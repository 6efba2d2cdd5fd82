package org.gallery.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Security headers on every response, including the ones answered inside the web server before any filter (cached
 * thumbnails): pages may load only this server's own scripts, styles and images, and may not be framed. The API
 * docs page (Swagger UI) needs inline styles and data: images, and gets just those.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeadersValve extends ValveBase implements TomcatContextCustomizer {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final String DOCS_POLICY = POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

    SecurityHeadersValve() {
        super(true);
    }

    @Override
    public void customize(org.apache.catalina.Context context) {
        context.getPipeline().addValve(this);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        String uri = request.getRequestURI();
        boolean docs = uri.startsWith("/docs") || uri.startsWith("/swagger-ui");
        response.setHeader("Content-Security-Policy", docs ? DOCS_POLICY : POLICY);
        getNext().invoke(request, response);
    }
}
