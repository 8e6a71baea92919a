package org.skypatrol.protocols.mavlink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/** Where the outgoing signing timestamp ceiling survives a restart (FAULTS S9). */
public interface MavlinkTimestampStore {

    /** The stored ceiling, if any. */
    OptionalLong load();

    /** Stores a new ceiling durably before it is relied upon. */
    void save(long ceiling);

    /** A store that keeps nothing (tests, or links that never sign). */
    static MavlinkTimestampStore inMemory() {
        return new MavlinkTimestampStore() {
            private volatile OptionalLong value = OptionalLong.empty();

            @Override
            public OptionalLong load() {
                return value;
            }

            @Override
            public void save(long ceiling) {
                value = OptionalLong.of(ceiling);
            }
        };
    }

    /** A store in a small text file, replaced atomically on every save. */
    static MavlinkTimestampStore file(Path path) {
        return new MavlinkTimestampStore() {
            @Override
            public OptionalLong load() {
                try {
                    if (!Files.exists(path)) {
                        return OptionalLong.empty();
                    }
                    return OptionalLong.of(Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII).trim()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read signing timestamp " + path, e);
                }
            }

            @Override
            public void save(long ceiling) {
                try {
                    Path parent = path.toAbsolutePath().getParent();
                    Files.createDirectories(parent);
                    Path tmp = Files.createTempFile(parent, ".mavts", ".tmp");
                    Files.writeString(tmp, Long.toString(ceiling), StandardCharsets.US_ASCII);
                    try {
                        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write signing timestamp " + path, e);
                }
            }
        };
    }
}
