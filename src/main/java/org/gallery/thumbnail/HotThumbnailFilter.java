package org.gallery.thumbnail;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The fast path for the request a gallery grid makes hundreds of times a screen: a thumbnail already in memory is
 * answered here, without the MVC machinery. Everything else (a miss, a bad size, an unknown image) goes on to
 * {@link ThumbnailController}, which answers with the same headers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class HotThumbnailFilter extends OncePerRequestFilter {

    private static final Pattern PATH = Pattern.compile("^/api/v2/images/([0-9a-fA-F-]{36})/thumbnail/(small|medium|large)$");

    private final HotThumbnails hot;

    HotThumbnailFilter(HotThumbnails hot) {
        this.hot = hot;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !("GET".equals(method) || "HEAD".equals(method)) || !request.getRequestURI().contains("/thumbnail/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher m = PATH.matcher(request.getRequestURI());
        HotThumbnails.Entry entry = null;
        if (m.matches()) {
            try {
                entry = hot.get(UUID.fromString(m.group(1)), ThumbnailSize.parse(m.group(2)));
            } catch (IllegalArgumentException ignored) {
                // not a valid id: the controller answers with the problem body
            }
        }
        if (entry == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("ETag", entry.etag());
        response.setHeader("Cache-Control", ThumbnailController.CACHE_CONTROL);
        response.setDateHeader("Last-Modified", entry.lastModified());
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.equals(entry.etag()) || ifNoneMatch.contains(entry.etag()))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType("image/jpeg");
        response.setContentLength(entry.bytes().length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(entry.bytes());
        }
    }
}
