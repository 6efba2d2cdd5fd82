package org.gallery.thumbnail;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import org.apache.catalina.Globals;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.gallery.auth.Authenticator;
import org.gallery.web.SocketWriteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.stereotype.Component;

/**
 * The fast path for the request a gallery grid makes hundreds of times a screen: a thumbnail that exists is answered
 * inside the web server, before the servlet filters and the MVC machinery (together they cost more than half the
 * time of such a request): from memory when it is cached, else read from disk into the cache, or, when it is large
 * or the cache is turned off, handed to the kernel with sendfile so it never passes through the heap. A thumbnail still to be made,
 * a bad size or an unknown image go on to {@link ThumbnailController}, which answers with the same headers. Access is
 * checked here as in the filters, from a few seconds' memory of each credential. These
 * hits are logged at DEBUG on the request logger, as a static file server leaves them out of its access log.
 */
@Component
class HotThumbnailValve extends ValveBase implements TomcatContextCustomizer {

    private static final String PREFIX = "/api/v2/images/";
    private static final String MIDDLE = "/thumbnail/";
    private static final int ID_LENGTH = 36;
    private static final Logger log = LoggerFactory.getLogger("gallery.request");
    /**
     * A thumbnail larger than the socket's write buffer goes out in several writes from the heap; sendfile hands it
     * from the page cache to the socket at once: 19k instead of 14k large thumbnails (92 KB) a second in
     * bench/serve_thumbnails.sh, while smaller ones are served faster from memory (32k against 22k).
     */
    private static final long SENDFILE_ABOVE = SocketWriteBuffer.BYTES;

    private record Target(UUID imageId, ThumbnailSize size) {
    }

    private final HotThumbnails hot;
    private final ThumbnailStore store;
    private final Authenticator authenticator;

    HotThumbnailValve(HotThumbnails hot, ThumbnailStore store, Authenticator authenticator) {
        super(true);
        this.hot = hot;
        this.store = store;
        this.authenticator = authenticator;
    }

    @Override
    public void customize(org.apache.catalina.Context context) {
        context.getPipeline().addValve(this);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        // a cross-origin request (it carries Origin) goes the long way, where the CORS settings answer it
        boolean plain = (head || "GET".equals(method)) && request.getHeader("Origin") == null;
        Target target = plain ? target(request.getRequestURI()) : null;
        // without valid credentials the request goes the long way, where the auth filter answers 401
        if (target == null || !authenticator.mayRead(request) || !answer(target, head, request, response)) {
            getNext().invoke(request, response);
            return;
        }
        if (log.isDebugEnabled()) {
            log.debug("{} {} {}", method, request.getRequestURI(), response.getStatus());
        }
    }

    /** False when the thumbnail is not on disk yet. */
    private boolean answer(Target target, boolean head, Request request, Response response) throws IOException {
        HotThumbnails.Entry entry = hot.get(target.imageId(), target.size());
        if (entry != null) {
            send(entry, head, request, response);
            return true;
        }
        // a thumbnail in a bucket and not cached on this disk goes the long way, where the store fetches it
        Path file = store.localFile(target.imageId(), target.size()).orElse(null);
        if (file == null) {
            return false;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException missing) {
            return false;
        }
        boolean sendfile = Boolean.TRUE.equals(request.getAttribute(Globals.SENDFILE_SUPPORTED_ATTR));
        if (!sendfile || hot.enabled() && attributes.size() <= SENDFILE_ABOVE) {
            try {
                byte[] bytes = Files.readAllBytes(file);
                send(hot.load(target.imageId(), target.size(),
                        new ThumbnailStore.Stored(bytes, attributes.lastModifiedTime().toMillis())), head, request, response);
                return true;
            } catch (NoSuchFileException removedMeanwhile) {
                return false;
            }
        }
        long modified = attributes.lastModifiedTime().toMillis();
        if (headers(HotThumbnails.etag(target.imageId(), target.size(), modified, attributes.size()), modified,
                request, response)) {
            response.setContentLengthLong(attributes.size());
            if (!head) {
                request.setAttribute(Globals.SENDFILE_FILENAME_ATTR, file.toAbsolutePath().toString());
                request.setAttribute(Globals.SENDFILE_FILE_START_ATTR, 0L);
                request.setAttribute(Globals.SENDFILE_FILE_END_ATTR, attributes.size());
            }
        }
        return true;
    }

    private static void send(HotThumbnails.Entry entry, boolean head, Request request, Response response)
            throws IOException {
        if (headers(entry.etag(), entry.lastModified(), request, response)) {
            response.setContentLength(entry.bytes().length);
            if (!head) {
                response.getOutputStream().write(entry.bytes());
            }
        }
    }

    /** Sets the caching headers; false when the client's copy is current (304, no body). */
    private static boolean headers(String etag, long lastModified, Request request, Response response) {
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", ThumbnailController.CACHE_CONTROL);
        // cached for a year: a copy fetched without Origin must not stand in for a cross-origin answer
        response.setHeader("Vary", "Origin");
        response.setDateHeader("Last-Modified", lastModified);
        if (notModified(etag, lastModified, request)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return false;
        }
        response.setContentType("image/jpeg");
        return true;
    }

    /** RFC 9110: If-None-Match decides when present; otherwise If-Modified-Since, to the second. */
    private static boolean notModified(String etag, long lastModified, Request request) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            return ifNoneMatch.strip().equals("*") || ifNoneMatch.contains(etag);
        }
        long since;
        try {
            since = request.getDateHeader("If-Modified-Since");
        } catch (IllegalArgumentException unparsable) {
            return false;
        }
        return since >= 0 && lastModified / 1000 <= since / 1000;
    }

    /** The thumbnail a path names, or null for anything else, including a malformed path. */
    private static Target target(String uri) {
        int sizeStart = PREFIX.length() + ID_LENGTH + MIDDLE.length();
        if (uri.length() <= sizeStart || !uri.startsWith(PREFIX) || !uri.startsWith(MIDDLE, PREFIX.length() + ID_LENGTH)) {
            return null;
        }
        ThumbnailSize size = ThumbnailSize.find(uri.substring(sizeStart));
        if (size == null) {
            return null;
        }
        try {
            return new Target(UUID.fromString(uri.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH)), size);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
