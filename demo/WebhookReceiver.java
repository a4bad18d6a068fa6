import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo district's webhook receiver (`./portfolio up --demo` starts it, `./portfolio down` stops it): a district
 * system on this machine that verifies each delivery's Standard Webhooks signature with the secret the demo loader
 * stored, and writes one line per delivery to its log. Only the JDK:
 *
 * <pre>java demo/WebhookReceiver.java --port 8099 --secret-file .portfolio/demo-webhook.secret --log .portfolio/logs/demo-webhooks.log</pre>
 */
public class WebhookReceiver {

    private static final Pattern FIELD = Pattern.compile("\"(type|subject|sequence)\"\\s*:\\s*\"([^\"]*)\"");

    public static void main(String[] args) throws IOException {
        int port = 8099;
        Path secretFile = Path.of(".portfolio/demo-webhook.secret");
        Path log = Path.of(".portfolio/logs/demo-webhooks.log");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--secret-file" -> secretFile = Path.of(args[i + 1]);
                case "--log" -> log = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path secrets = secretFile;
        Path out = log;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            String id = x.getRequestHeaders().getFirst("webhook-id");
            String ts = x.getRequestHeaders().getFirst("webhook-timestamp");
            String sig = x.getRequestHeaders().getFirst("webhook-signature");
            boolean ok = verify(secrets, id, ts, body, sig);
            StringBuilder line = new StringBuilder(Instant.now().toString()).append("  ");
            Matcher m = FIELD.matcher(new String(body, StandardCharsets.UTF_8));
            String type = "?", subject = "-", sequence = "?";
            while (m.find()) {
                switch (m.group(1)) {
                    case "type" -> type = type.equals("?") ? m.group(2) : type;
                    case "subject" -> subject = subject.equals("-") ? m.group(2) : subject;
                    default -> sequence = sequence.equals("?") ? m.group(2) : sequence;
                }
            }
            line.append(String.format("%-46s subject=%s sequence=%s webhook-id=%s %s%n", type, subject, sequence, id,
                    ok ? "signature ok" : "SIGNATURE REFUSED"));
            Files.writeString(out, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            x.sendResponseHeaders(ok ? 204 : 401, -1);
            x.close();
        });
        server.start();
        System.out.println("demo webhook receiver on http://127.0.0.1:" + port + "/ ; deliveries in " + out);
    }

    static boolean verify(Path secretFile, String id, String ts, byte[] body, String header) {
        try {
            if (id == null || ts == null || header == null || !Files.isReadable(secretFile)) {
                return false;
            }
            String secret = Files.readString(secretFile).trim();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = ("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
            for (String s : header.split(" ")) {
                if (MessageDigest.isEqual(s.getBytes(StandardCharsets.UTF_8), expected)) {
                    return Math.abs(Instant.now().getEpochSecond() - Long.parseLong(ts)) <= 300;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
