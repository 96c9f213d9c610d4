package io.brigade.platform.audit;

import io.brigade.audit.AuditKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key a service signs its checkpoints with, kept in a file outside its database (so that whoever can rewrite the
 * event store cannot also sign for it), and the public keys its checkpoints verify against. A missing key file is
 * created with a new Ed25519 key and its public half beside it ({@code .pub.pem}); without a key file the key lives
 * only as long as the process, which suits tests and nothing else.
 */
public class CheckpointKeys {

    private static final Logger log = LoggerFactory.getLogger(CheckpointKeys.class);

    private final AuditKeys.SigningKey signingKey;
    private final Map<String, PublicKey> trusted = new LinkedHashMap<>();

    public CheckpointKeys(AuditProperties.Signing properties) {
        this.signingKey = load(properties.getKeyFile());
        trusted.put(signingKey.keyId(), signingKey.publicKey());
        for (String file : properties.getTrustedKeys()) {
            try {
                trusted.putAll(AuditKeys.publicKeys(Files.readString(Path.of(file))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read trusted audit key file " + file, e);
            }
        }
    }

    public AuditKeys.SigningKey signingKey() {
        return signingKey;
    }

    public Map<String, PublicKey> trusted() {
        return trusted;
    }

    private static AuditKeys.SigningKey load(String keyFile) {
        if (keyFile == null || keyFile.isBlank()) {
            AuditKeys.SigningKey key = AuditKeys.generate();
            log.warn("No brigade.audit.signing.key-file: checkpoints are signed with a key that lives only as long as "
                    + "this process (key id {})", key.keyId());
            return key;
        }
        Path path = Path.of(keyFile);
        try {
            if (Files.exists(path)) {
                return AuditKeys.signingKey(Files.readString(path));
            }
            AuditKeys.SigningKey key = AuditKeys.generate();
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            Files.writeString(path, AuditKeys.pem(key));
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its own permissions apply
            }
            Files.writeString(publicKeyFile(path), AuditKeys.pem(key.publicKey()));
            log.info("Created checkpoint signing key {} in {}", key.keyId(), path);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit signing key " + keyFile, e);
        }
    }

    static Path publicKeyFile(Path keyFile) {
        String name = keyFile.getFileName().toString().replaceFirst("\\.pem$", "");
        return keyFile.resolveSibling(name + ".pub.pem");
    }
}
