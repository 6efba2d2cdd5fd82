package org.gallery.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Logs each request with method, path, status and duration, and answers with {@code X-Process-Time} (seconds, as
 * the old system did). The header is set when the body starts, since a streamed response commits its headers then.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestTimingFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("gallery.request");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        var timed = new TimedResponse(response, start);
        try {
            chain.doFilter(request, timed);
        } finally {
            timed.stamp();
            double ms = (System.nanoTime() - start) / 1e6;
            String query = request.getQueryString();
            log.info("{} {}{} {} {}ms", request.getMethod(), request.getRequestURI(),
                    query == null ? "" : "?" + query, response.getStatus(), String.format(Locale.ROOT, "%.1f", ms));
        }
    }

    private static final class TimedResponse extends HttpServletResponseWrapper {
        private final long start;
        private boolean stamped;

        TimedResponse(HttpServletResponse response, long start) {
            super(response);
            this.start = start;
        }

        void stamp() {
            if (!stamped && !isCommitted()) {
                stamped = true;
                setHeader("X-Process-Time", String.format(Locale.ROOT, "%.4f", (System.nanoTime() - start) / 1e9));
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            stamp();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            stamp();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            stamp();
            super.flushBuffer();
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            stamp();
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            stamp();
            super.sendError(sc);
        }
    }
}
