package org.gallery.web;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat writes a response to the socket through a per-connection buffer of 8 KiB by default, so a 40 KB thumbnail
 * took five write system calls; with 64 KiB it takes one, which more than doubled the thumbnails served per second
 * (bench/serve_thumbnails.sh). The buffer is allocated per open connection, which is why the number of connections
 * is bounded in application.properties.
 */
@Component
public class SocketWriteBuffer implements TomcatConnectorCustomizer {

    public static final int BYTES = 64 * 1024;

    @Override
    public void customize(Connector connector) {
        if (!connector.setProperty("socket.appWriteBufSize", Integer.toString(BYTES))) {
            throw new IllegalStateException("Tomcat no longer takes socket.appWriteBufSize");
        }
    }
}
