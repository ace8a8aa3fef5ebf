package fr.chariot.apns.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

import fr.chariot.apns.api.InvalidPushCertificateException;

/**
 * The installed push certificate and its private key, in one PEM file readable by the server's user only.
 *
 * <p>One file, replaced by an atomic rename, so a crash during a renewal leaves either the old pair or the new one,
 * never a certificate with another certificate's key.
 */
final class PushCredentialsFile {

    static final String FILE_NAME = "push-certificate.pem";

    private final Path folder;
    private final Path file;

    PushCredentialsFile(Path folder) {
        this.folder = folder;
        this.file = folder.resolve(FILE_NAME);
    }

    Path path() {
        return file;
    }

    /** The stored credentials, if any; dates are not checked, so an expired certificate still shows. */
    Optional<PushCredentials> load() throws IOException, InvalidPushCertificateException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(PushCredentials.read(Files.readAllBytes(file), null));
    }

    void save(PushCredentials credentials) throws IOException {
        Files.createDirectories(folder, ownerOnly("rwx------"));
        Path temporary = folder.resolve(FILE_NAME + ".new");
        Files.deleteIfExists(temporary);
        // Created with rw------- from the start: the key is never readable by others, not even for a moment.
        try (FileChannel channel = FileChannel.open(temporary,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly("rw-------"))) {
            ByteBuffer pem = ByteBuffer.wrap(credentials.toPem().getBytes(StandardCharsets.US_ASCII));
            while (pem.hasRemaining()) {
                channel.write(pem);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }
}
