package io.brigade.platform.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request line exactly as written, which no HTTP client library would send (an undecodable address, an
 * invented method), and hands back the whole answer as text, status line and headers included.
 */
public final class RawHttp {

    private RawHttp() {
    }

    public static String send(int port, String requestLine, String accessToken) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nAuthorization: Bearer " + accessToken
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
