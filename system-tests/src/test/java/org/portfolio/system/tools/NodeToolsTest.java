package org.portfolio.system.tools;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parts of the tool download that must not go wrong silently. */
class NodeToolsTest {

    @Test
    void aDownloadThatDoesNotMatchItsIntegrityIsRefusedAndDeleted(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("x.tgz"), "tampered");
        String integrity = "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512")
                .digest("original".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> NodeTools.verify(f, integrity, "x")).isInstanceOf(IOException.class).hasMessageContaining("integrity");
        assertThat(f).doesNotExist();
        Path good = Files.writeString(dir.resolve("y.tgz"), "original");
        NodeTools.verify(good, integrity, "y");
        assertThat(good).exists();
    }

    @Test
    void anNpmTarballIsUnpackedWithoutItsTopDirectoryKeepingExecutables(@TempDir Path dir) throws Exception {
        Path tgz = tarball(dir.resolve("node.tgz"), false);
        NodeTools.extract(tgz, dir.resolve("out"));
        assertThat(dir.resolve("out/bin/node")).exists().isExecutable();
        assertThat(dir.resolve("out/README.md")).hasContent("hello");
        assertThat(dir.resolve("out/include")).doesNotExist();
    }

    @Test
    void anEntryEscapingTheTargetIsRefused(@TempDir Path dir) throws Exception {
        Path tgz = tarball(dir.resolve("evil.tgz"), true);
        assertThatThrownBy(() -> NodeTools.extract(tgz, dir.resolve("out"))).isInstanceOf(IOException.class);
        assertThat(dir.resolve("escaped")).doesNotExist();
    }

    @Test
    void platformNamesFollowTheNpmPackages() {
        assertThat(NodeTools.platform()).matches("(linux|darwin|win)-(x64|arm64)|.+-.+");
    }

    private static Path tarball(Path file, boolean evil) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            entry(tar, "package/bin/node", "#!/bin/sh\n", 0755);
            entry(tar, "package/README.md", "hello", 0644);
            entry(tar, "package/include/node/v8.h", "//", 0644);
            if (evil) {
                entry(tar, "package/../../escaped", "x", 0644);
            }
        }
        return file;
    }

    private static void entry(TarArchiveOutputStream tar, String name, String content, int mode) throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(b.length);
        e.setMode(0100000 | mode);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
    }
}
