package org.gallery.thumbnail;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.stereotype.Component;

/**
 * The fast path for the request a gallery grid makes hundreds of times a screen: a thumbnail already in memory is
 * answered inside the web server, before the servlet filters and the MVC machinery (together they cost more than
 * half the time of such a request). Everything else (a miss, a bad size, an unknown image) goes on to
 * {@link ThumbnailController}, which answers with the same headers. These hits are logged at DEBUG on the request
 * logger, as a static file server leaves them out of its access log.
 */
@Component
class HotThumbnailValve extends ValveBase implements TomcatContextCustomizer {

    private static final String PREFIX = "/api/v2/images/";
    private static final String MIDDLE = "/thumbnail/";
    private static final int ID_LENGTH = 36;
    private static final Logger log = LoggerFactory.getLogger("gallery.request");

    private final HotThumbnails hot;

    HotThumbnailValve(HotThumbnails hot) {
        super(true);
        this.hot = hot;
    }

    @Override
    public void customize(org.apache.catalina.Context context) {
        context.getPipeline().addValve(this);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        HotThumbnails.Entry entry = head || "GET".equals(method) ? lookup(request.getRequestURI()) : null;
        if (entry == null) {
            getNext().invoke(request, response);
            return;
        }
        response.setHeader("ETag", entry.etag());
        response.setHeader("Cache-Control", ThumbnailController.CACHE_CONTROL);
        response.setDateHeader("Last-Modified", entry.lastModified());
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.contains(entry.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
        } else {
            response.setContentType("image/jpeg");
            response.setContentLength(entry.bytes().length);
            if (!head) {
                response.getOutputStream().write(entry.bytes());
            }
        }
        if (log.isDebugEnabled()) {
            log.debug("{} {} {} from memory", method, request.getRequestURI(), response.getStatus());
        }
    }

    /** The cached thumbnail a path names, or null for anything else, including a malformed path. */
    private HotThumbnails.Entry lookup(String uri) {
        int sizeStart = PREFIX.length() + ID_LENGTH + MIDDLE.length();
        if (uri.length() <= sizeStart || !uri.startsWith(PREFIX) || !uri.startsWith(MIDDLE, PREFIX.length() + ID_LENGTH)) {
            return null;
        }
        ThumbnailSize size = ThumbnailSize.find(uri.substring(sizeStart));
        if (size == null) {
            return null;
        }
        try {
            return hot.get(UUID.fromString(uri.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH)), size);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
