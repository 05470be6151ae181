package io.aftercare.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Loopback ports the local servers take: a busy one is an error naming what holds it, never silently shared. */
public final class Ports {

    private Ports() {
    }

    /**
     * A loopback port nobody listens on (it was free a moment ago): for a server to start on, or for a service that
     * cannot be reached.
     */
    public static int free() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /** Throws, naming the port, {@code what} wanted it and what holds it, unless 127.0.0.1:{@code port} is free. */
    public static void requireFree(int port, String what) {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException busy) {
            throw busy(port, what, busy);
        }
    }

    /** The error for {@code port}, which {@code what} could not listen on. */
    public static Busy busy(int port, String what, Throwable cause) {
        return new Busy("Port " + port + " (for " + what + ") is in use: " + holderOf(port)
                + ". Stop it, or choose another port.", cause);
    }

    /**
     * What listens on {@code port}, from Linux's {@code /proc} (the socket's inode, then the process with that socket
     * open): "held by pid 4242 (node run.js)"; less where {@code /proc} does not tell.
     */
    static String holderOf(int port) {
        Optional<String> inode = listeningInode(port);
        if (inode.isEmpty()) {
            return "held by another process";
        }
        String socket = "socket:[" + inode.get() + "]";
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                if (holds(process, socket)) {
                    return "held by pid " + process.getFileName() + " (" + commandLine(process) + ")";
                }
            }
        } catch (IOException | UncheckedIOException unreadable) {
            // fall through to the vaguer answer
        }
        return "held by another process";
    }

    private static Optional<String> listeningInode(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                    String[] columns = line.trim().split("\\s+");
                    // local address, state 0A = LISTEN, inode
                    if (columns.length > 9 && columns[1].endsWith(hexPort) && columns[3].equals("0A")) {
                        return Optional.of(columns[9]);
                    }
                }
            } catch (IOException | UncheckedIOException noSuchTable) {
                // not Linux, or no IPv6
            }
        }
        return Optional.empty();
    }

    private static boolean holds(Path process, String socket) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(socket)) {
                        return true;
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while looking
                }
            }
        } catch (IOException | SecurityException notOurs) {
            // another user's process
        }
        return false;
    }

    /**
     * The program and what it runs (the first argument that is neither an option nor a class path), by file name
     * only: other arguments may hold what should not be shown.
     */
    private static String commandLine(Path process) {
        try {
            String[] args = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
            String runs = "";
            for (int i = 1; i < args.length; i++) {
                if (List.of("-cp", "-classpath", "--class-path").contains(args[i])) {
                    i++;
                } else if (!args[i].startsWith("-")) {
                    runs = " " + fileName(args[i]);
                    break;
                }
            }
            return fileName(args[0]) + runs;
        } catch (IOException gone) {
            return "exited";
        }
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A port something else holds. */
    public static final class Busy extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Busy(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
