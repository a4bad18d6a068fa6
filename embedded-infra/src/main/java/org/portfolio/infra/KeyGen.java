package org.portfolio.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Set;

/**
 * Creates the RS256 key pair of a local installation ({@code jwt-private.pem} for the gateway,
 * {@code jwt-public.pem} for every service) unless it exists. Production deployments bring their own keys.
 * <p>
 * The private key is never readable by anyone but its owner, not even for an instant: the directory is created
 * (or tightened to) {@code rwx------}, and the key is written to a temporary file that is <em>created</em> with
 * {@code rw-------} (the attribute is applied by the creating system call; a umask can only remove bits) and then
 * renamed into place, so a crash or a full disk leaves no readable or half-written key under the final name.
 */
public final class KeyGen {

    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private KeyGen() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : ".portfolio/keys");
        if (generate(dir)) {
            System.out.println("Created JWT signing keys in " + dir.toAbsolutePath());
        }
    }

    /** Creates the pair in {@code dir} unless both files exist; true when it created them. */
    static boolean generate(Path dir) throws Exception {
        Path priv = dir.resolve("jwt-private.pem");
        Path pub = dir.resolve("jwt-public.pem");
        if (Files.exists(priv) && Files.exists(pub)) {
            try {
                privateDirectory(dir); // an installation of an older version may have left it open
            } catch (IOException e) {
                System.err.println("Could not restrict " + dir + " to its owner: " + e);
            }
            return false;
        }
        privateDirectory(dir);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        write(priv, pem("PRIVATE KEY", kp.getPrivate().getEncoded()), OWNER_ONLY_FILE);
        write(pub, pem("PUBLIC KEY", kp.getPublic().getEncoded()), PUBLIC_FILE);
        return true;
    }

    /** The directory, owner-only: created so, or tightened when it exists (it holds the private key). */
    static void privateDirectory(Path dir) throws IOException {
        if (!posix(dir)) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } catch (FileAlreadyExistsException raced) {
                // created meanwhile: tightened below
            }
        }
        Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
    }

    /**
     * Writes {@code content} to {@code target} through a temporary file in the same directory that is created with
     * {@code mode} from the start, then renamed over {@code target} (atomic on POSIX).
     */
    static void write(Path target, String content, Set<PosixFilePermission> mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        FileAttribute<?>[] attrs = posix(dir)
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attrs);
        try {
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            if (posix(dir)) {
                Files.setPosixFilePermissions(tmp, mode); // a umask may have removed read bits of the public key
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
