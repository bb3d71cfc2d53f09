package org.kept.phone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in Asterisk on 127.0.0.1 and a free port: speaks the AMI banner, answers Challenge (MD5), Login (checking the
 * key against the secret), CoreSettings and Logoff, and after each login replays a transcript of event blocks from
 * where the last connection stopped; a line {@code DROP} closes the connection there, as a restarting PBX does, and
 * the next login goes on after it. Lines starting with {@code ;;} are notes.
 */
final class AmiReplay implements AutoCloseable {

    private final ServerSocket server;
    private final String username;
    private final String secret;
    private final List<List<String>> parts = new ArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger part = new AtomicInteger();
    private final Thread acceptor;
    private volatile Socket current;
    /** Every other action the client sent (Redirect, Hangup …), its fields with lower-case names. */
    final List<Map<String, String>> actions = java.util.Collections.synchronizedList(new ArrayList<>());

    AmiReplay(String transcript, String username, String secret) throws IOException {
        this.username = username;
        this.secret = secret;
        List<String> blocks = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        for (String line : transcript.split("\r?\n", -1)) {
            if (line.startsWith(";;")) {
                continue;
            }
            if (line.equals("DROP")) {
                flush(block, blocks);
                parts.add(blocks);
                blocks = new ArrayList<>();
            } else if (line.isEmpty()) {
                flush(block, blocks);
            } else {
                block.append(line).append("\r\n");
            }
        }
        flush(block, blocks);
        parts.add(blocks);
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "ami-replay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void flush(StringBuilder block, List<String> blocks) {
        if (!block.isEmpty()) {
            blocks.add(block.append("\r\n").toString());
            block.setLength(0);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** Successful logins so far: 2 after one drop and a reconnect. */
    int logins() {
        return logins.get();
    }

    /** True once every part of the transcript was sent. */
    boolean finished() {
        return part.get() >= parts.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                current = socket;
                serve(socket);
            } catch (IOException e) {
                // the client went away or the server closed: wait for the next connection
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        write(out, "Asterisk Call Manager/9.0.0\r\n");
        String challenge = String.valueOf(100_000_000 + (int) (Math.random() * 800_000_000));
        boolean loggedIn = false;
        while (true) {
            Map<String, String> action = read(in);
            if (action == null) {
                return;
            }
            String id = action.getOrDefault("actionid", "");
            switch (action.getOrDefault("action", "").toLowerCase()) {
                case "challenge" -> write(out, "Response: Success\r\nActionID: " + id + "\r\nChallenge: " + challenge + "\r\n\r\n");
                case "login" -> {
                    String expected = md5(challenge + secret);
                    if (username.equals(action.get("username")) && expected.equalsIgnoreCase(action.get("key"))) {
                        loggedIn = true;
                        write(out, "Response: Success\r\nActionID: " + id + "\r\nMessage: Authentication accepted\r\n\r\n");
                    } else {
                        write(out, "Response: Error\r\nActionID: " + id + "\r\nMessage: Authentication failed\r\n\r\n");
                        return;
                    }
                }
                case "coresettings" -> {
                    write(out, "Response: Success\r\nActionID: " + id + "\r\nAMIversion: 9.0.0\r\nAsteriskVersion: 20.5.0\r\n"
                            + "SystemName: \r\nCoreMaxCalls: 0\r\nCoreMaxLoadAvg: 0.000000\r\nCoreRunUser: asterisk\r\n"
                            + "CoreRunGroup: asterisk\r\nCoreMaxFilehandles: 0\r\nCoreRealTimeEnabled: No\r\n"
                            + "CoreCDRenabled: Yes\r\nCoreHTTPenabled: No\r\n\r\n");
                    if (loggedIn) {
                        logins.incrementAndGet();
                        int p = part.get();
                        if (p < parts.size()) {
                            for (String event : parts.get(p)) {
                                write(out, event);
                            }
                            part.incrementAndGet();
                            if (part.get() < parts.size()) {
                                return;  // DROP: the PBX goes away here
                            }
                        }
                    }
                }
                case "logoff" -> {
                    write(out, "Response: Goodbye\r\nActionID: " + id + "\r\nMessage: Thanks for all the fish.\r\n\r\n");
                    return;
                }
                default -> {
                    actions.add(action);
                    write(out, "Response: Success\r\nActionID: " + id + "\r\nPing: Pong\r\n\r\n");
                }
            }
        }
    }

    private static Map<String, String> read(BufferedReader in) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (!fields.isEmpty()) {
                    return fields;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).strip().toLowerCase(), line.substring(colon + 1).strip());
            }
        }
        return null;
    }

    private static synchronized void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = current;
        if (s != null) {
            s.close();
        }
    }
}
