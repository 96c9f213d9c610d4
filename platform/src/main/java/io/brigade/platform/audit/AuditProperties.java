package io.brigade.platform.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail of a service's event store. {@code stream} ({@code orders}, {@code tickets}, {@code bills},
 * {@code catalog}) switches on its endpoints under {@code /api/v1/audit/{stream}} and its signed checkpoints; every
 * service chains its events' hashes regardless.
 */
@ConfigurationProperties("brigade.audit")
public class AuditProperties {

    private String stream;
    private Duration checkpointInterval = Duration.ofSeconds(10);
    /** How long a gap in the global index may still be an event whose transaction has not committed yet. */
    private Duration gapWait = Duration.ofSeconds(5);
    private final Signing signing = new Signing();

    public static class Signing {

        /** The PEM file of the Ed25519 (or RSA) private key; written with a new key when it does not exist. */
        private String keyFile;
        /** Further public keys (PEM or JWKS files) whose checkpoints verify, e.g. keys rotated out. */
        private List<String> trustedKeys = new ArrayList<>();

        public String getKeyFile() {
            return keyFile;
        }

        public void setKeyFile(String keyFile) {
            this.keyFile = keyFile;
        }

        public List<String> getTrustedKeys() {
            return trustedKeys;
        }

        public void setTrustedKeys(List<String> trustedKeys) {
            this.trustedKeys = trustedKeys;
        }
    }

    public String getStream() {
        return stream;
    }

    public void setStream(String stream) {
        this.stream = stream;
    }

    public Duration getCheckpointInterval() {
        return checkpointInterval;
    }

    public void setCheckpointInterval(Duration checkpointInterval) {
        this.checkpointInterval = checkpointInterval;
    }

    public Duration getGapWait() {
        return gapWait;
    }

    public void setGapWait(Duration gapWait) {
        this.gapWait = gapWait;
    }

    public Signing getSigning() {
        return signing;
    }
}
