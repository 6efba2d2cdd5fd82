package org.gallery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Globals;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;
import org.gallery.web.SocketWriteBuffer;

/**
 * The floor under Gallery's cached thumbnails: the embedded Tomcat Gallery runs on, set up as Gallery sets it up
 * (virtual threads, 10,000 requests per connection, a 64 KiB socket write buffer, loopback), answering {@code /medium} and {@code /large} from a
 * valve of its one context with nothing else: the bytes from memory, or with sendfile above 64 KiB as Gallery
 * does. No credentials, no cache look-up, no caching headers. Runs until killed.
 *   TomcatFloor PORT MEDIUM_FILE LARGE_FILE
 */
public final class TomcatFloor {

    private static final long SENDFILE_ABOVE = SocketWriteBuffer.BYTES;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Map<String, Path> files = Map.of("/medium", Path.of(args[1]).toAbsolutePath(),
                "/large", Path.of(args[2]).toAbsolutePath());
        Map<String, byte[]> bytes = Map.of("/medium", Files.readAllBytes(files.get("/medium")),
                "/large", Files.readAllBytes(files.get("/large")));
        Path base = Files.createTempDirectory("tomcat-floor");

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxKeepAliveRequests", "10000");
        connector.setProperty("maxConnections", "1024");
        connector.setProperty("socket.appWriteBufSize", Integer.toString(SocketWriteBuffer.BYTES));
        connector.getProtocolHandler().setExecutor(new VirtualThreadExecutor("floor-handler-"));
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        context.getPipeline().addValve(new ValveBase(true) {
            @Override
            public void invoke(Request request, Response response) throws IOException {
                String uri = request.getRequestURI();
                byte[] body = bytes.get(uri);
                if (body == null) {
                    response.sendError(404);
                    return;
                }
                response.setContentType("image/jpeg");
                response.setContentLength(body.length);
                boolean sendfile = Boolean.TRUE.equals(request.getAttribute(Globals.SENDFILE_SUPPORTED_ATTR));
                if (sendfile && body.length > SENDFILE_ABOVE) {
                    request.setAttribute(Globals.SENDFILE_FILENAME_ATTR, files.get(uri).toString());
                    request.setAttribute(Globals.SENDFILE_FILE_START_ATTR, 0L);
                    request.setAttribute(Globals.SENDFILE_FILE_END_ATTR, (long) body.length);
                } else {
                    response.getOutputStream().write(body);
                }
            }
        });
        tomcat.start();
        System.out.println("floor listening on " + port);
        tomcat.getServer().await();
    }
}
