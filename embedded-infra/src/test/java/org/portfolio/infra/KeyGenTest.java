package org.portfolio.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The signing key is owner-only from the moment it exists (issue 13: it was written first, restricted after). */
class KeyGenTest {

    @TempDir
    Path tmp;

    @Test
    void theDirectoryAndThePrivateKeyAreOwnerOnlyAndThePairMatches() throws Exception {
        Path dir = tmp.resolve("home/keys");
        assertThat(KeyGen.generate(dir)).isTrue();
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("jwt-private.pem"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("jwt-public.pem"))).isEqualTo("rw-r--r--");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("jwt-private.pem", "jwt-public.pem");
        }
        var priv = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(dir.resolve("jwt-private.pem"))));
        var pub = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(dir.resolve("jwt-public.pem"))));
        assertThat(priv).isInstanceOf(RSAPrivateCrtKey.class);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(priv);
        s.update(new byte[]{1, 2, 3});
        byte[] sig = s.sign();
        s.initVerify(pub);
        s.update(new byte[]{1, 2, 3});
        assertThat(s.verify(sig)).isTrue();
    }

    @Test
    void existingKeysAreKeptAndAnOpenDirectoryIsTightened() throws Exception {
        Path dir = tmp.resolve("keys");
        KeyGen.generate(dir);
        String before = Files.readString(dir.resolve("jwt-private.pem"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // as older versions left it
        assertThat(KeyGen.generate(dir)).isFalse();
        assertThat(Files.readString(dir.resolve("jwt-private.pem"))).isEqualTo(before);
        assertThat(mode(dir)).isEqualTo("rwx------");
    }

    /**
     * No window: KeyGen runs in a child JVM whose file size limit (ulimit -f, 1 KiB) makes the write of the 1.7 KB
     * private key fail after the file was created, with the usual umask 022. Whatever it left behind must be
     * owner-only. The old code created jwt-private.pem with 644, wrote it, then restricted it: here it left a
     * world-readable half key.
     */
    @Test
    void aWriteThatFailsHalfwayLeavesNothingReadableByOthers() throws Exception {
        Path dir = tmp.resolve("keys");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Process p = new ProcessBuilder("bash", "-c", "umask 022; ulimit -f 1; exec \"$0\" -XX:-UsePerfData -Xshare:off -Xmx32m "
                + "-XX:+UseSerialGC -cp \"$1\" org.portfolio.infra.KeyGen \"$2\"", java, cp, dir.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("keygen.out").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(tmp.resolve("keygen.out"));
        assertThat(p.exitValue()).as("KeyGen must fail under a 1 KiB file size limit: " + out).isNotZero();
        assertThat(out).as(out).containsIgnoringCase("File too large");
        assertThat(Files.exists(dir)).isTrue();
        List<Path> left;
        try (var files = Files.list(dir)) {
            left = files.toList();
        }
        for (Path f : left) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
            assertThat(perms).as(f.getFileName() + " " + mode(f)).doesNotContain(PosixFilePermission.GROUP_READ,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        }
        assertThat(dir.resolve("jwt-private.pem")).as("no half-written key under the final name").doesNotExist();
        assertThat(mode(dir)).isEqualTo("rwx------");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static byte[] der(Path pem) throws Exception {
        String body = Files.readString(pem, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
