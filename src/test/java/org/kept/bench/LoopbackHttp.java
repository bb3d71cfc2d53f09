package org.kept.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * A lean HTTP/1.1 client for the load driver: one kept-alive socket per driver thread, the request written as bytes,
 * the answer read by its length or its chunks. The JDK's client spends about 1.2 ms of CPU a request on this machine
 * (its selector thread, executor hand-offs, header maps), a tenth of a create's cost on cores the server shares;
 * this one spends a fraction of that, so more of the two cores measure Kept.
 */
final class LoopbackHttp {

    /** What came back: the status and the body as text. */
    record Answer(int status, String body) {
    }

    private static final ThreadLocal<Connection> CONNECTIONS = new ThreadLocal<>();

    private LoopbackHttp() {
    }

    /**
     * Sends the request on this thread's connection, opened again once when a kept-alive one turns out closed by the
     * server. A timeout is not sent again: the server may have acted on it, and a second create would be counted.
     */
    static Answer send(HttpRequest request) throws IOException {
        byte[] head = head(request);
        byte[] body = body(request);
        Connection c = CONNECTIONS.get();
        boolean reused = c != null;
        while (true) {
            if (c == null) {
                c = new Connection(request.uri());
                CONNECTIONS.set(c);
            }
            try {
                return c.exchange(head, body);
            } catch (IOException failed) {
                c.close();
                CONNECTIONS.remove();
                if (!reused || failed instanceof java.net.SocketTimeoutException) {
                    throw failed;
                }
                reused = false;
                c = null;
            }
        }
    }

    private static byte[] head(HttpRequest request) {
        URI uri = request.uri();
        StringBuilder s = new StringBuilder(256).append(request.method()).append(' ').append(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            s.append('?').append(uri.getRawQuery());
        }
        s.append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        for (Map.Entry<String, List<String>> h : request.headers().map().entrySet()) {
            for (String v : h.getValue()) {
                s.append(h.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        long length = request.bodyPublisher().map(HttpRequest.BodyPublisher::contentLength).orElse(0L);
        if (length > 0 || !request.method().equals("GET")) {
            s.append("Content-Length: ").append(Math.max(0, length)).append("\r\n");
        }
        return s.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The body the request's publisher holds (the driver's publishers are in-memory strings, published at once). */
    private static byte[] body(HttpRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        request.bodyPublisher().ifPresent(p -> p.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer b) {
                byte[] a = new byte[b.remaining()];
                b.get(a);
                out.writeBytes(a);
            }

            @Override
            public void onError(Throwable t) {
                throw new IllegalStateException(t);
            }

            @Override
            public void onComplete() {
            }
        }));
        return out.toByteArray();
    }

    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Connection(URI uri) throws IOException {
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        Answer exchange(byte[] head, byte[] body) throws IOException {
            byte[] all = new byte[head.length + body.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            out.write(all);
            out.flush();
            String status = line();
            if (status == null) {
                throw new IOException("closed by the server");
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    text.write(in.readNBytes((int) size));
                    line();
                }
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers are not used by Kept
                }
            } else if (length > 0) {
                text.write(in.readNBytes((int) length));
            }
            if (close) {
                close();
                CONNECTIONS.remove();
            }
            return new Answer(code, text.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder(64);
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    int n = s.length();
                    return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s.toString();
                }
                s.append((char) b);
            }
            return s.length() == 0 ? null : s.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
