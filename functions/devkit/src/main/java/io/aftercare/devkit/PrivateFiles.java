package io.aftercare.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read (the admin token, the link key, the local database): created with their
 * permissions ({@code 0600}, their folder {@code 0700}) rather than narrowed afterwards, when another user could
 * already have opened them.
 */
public final class PrivateFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and missing parents) as {@code 0700}; an existing one is narrowed to it, hiding what an earlier run left readable. */
    public static Path directory(Path dir) {
        try {
            if (!POSIX) {
                return Files.createDirectories(dir);
            }
            if (Files.isDirectory(dir)) {
                if (!Files.getPosixFilePermissions(dir).equals(OWNER_DIRECTORY)) {
                    Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
                }
                return dir;
            }
            return Files.createDirectories(dir, attribute(OWNER_DIRECTORY));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the private folder " + dir, e);
        }
    }

    /** Writes {@code content} to a new {@code 0600} file; leaves an existing one as it is. */
    public static void createIfAbsent(Path file, byte[] content) {
        var options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (SeekableByteChannel channel = POSIX ? Files.newByteChannel(file, options, attribute(OWNER_FILE)) : Files.newByteChannel(file, options)) {
            channel.write(ByteBuffer.wrap(content));
        } catch (FileAlreadyExistsException kept) {
            // written by an earlier run
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the private file " + file, e);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
