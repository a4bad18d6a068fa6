package org.portfolio.system.demo;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portfolio.system.PortfolioStack;
import org.portfolio.system.gateway.RunningStack;
import org.portfolio.testing.contract.ContractValidation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's walkthrough ("Try it: the demo district"), replayed on the demo district as a reader would paste it:
 * every {@code curl} of the README's block, in its order, with the ids of {@code .portfolio/demo.env} and a token of
 * the demo client the line names. Each exchange goes through rest-assured, so the contract filter checks it against
 * the gateway's merged OpenAPI document (issue 12: "a replay of the README walkthrough finds 0 violations on the
 * demo"), and each must answer 2xx. The README's POSTs (resolve the integrity flag, approve the request, close, match
 * and publish the enrollment round) are replayed too: the GETs after them (an applicant's result) need them.
 *
 * <p>The lines are read from README.md, not copied: a GET added to the walkthrough is replayed without a change here,
 * and a line this replay does not understand fails it. It changes the demo's state as the reader does, so it runs
 * after DemoDistrictIT (which checks the demo as {@code up --demo} left it).
 */
@Order(1)
@ExtendWith(RunningStack.class)
class ReadmeWalkthroughIT {

    private static final Pattern TOKEN = Pattern.compile("\\$\\(token \\$(\\w+)_ID \\$(\\w+)_SECRET\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

    private final PortfolioStack stack;
    private final Map<String, String> vars = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final List<String> replayed = new ArrayList<>();

    ReadmeWalkthroughIT(RunningStack.Stack running) {
        this.stack = running.stack();
    }

    @Test
    void everyCallOfTheReadmeWalkthroughAnswers2xxAndConformsToTheMergedDocument() throws IOException {
        for (String line : Files.readAllLines(stack.home().resolve("demo.env"))) {
            if (line.startsWith("export ")) {
                vars.put(line.substring(7, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(vars.get("GW")).as("demo.env's GW").endsWith(":" + stack.port("gateway"));

        List<String> walkthrough = walkthrough();
        long curls = walkthrough.stream().filter(l -> l.contains("curl ")).count();
        long validatedBefore = ContractValidation.validated();
        for (String line : walkthrough) {
            Matcher token = Pattern.compile("^(\\w+)=" + TOKEN.pattern() + "$").matcher(line);
            Matcher captured = Pattern.compile("^(\\w+)=\\$\\((curl .*?) \\| sed .*\"items\":\\\\\\[\\{\"id\":.*\\)$").matcher(line);
            if (token.matches()) {
                vars.put(token.group(1), token(token.group(2)));
            } else if (captured.matches()) { // APPLICANT=$(curl … | sed 's/.*"items":\[{"id":"\([^"]*\)".*/\1/')
                Response r = replay(captured.group(2));
                vars.put(captured.group(1), r.path("items[0].id"));
            } else if (line.startsWith("curl ")) {
                replay(line);
            } else {
                assertThat(line).as("a line of the README walkthrough this replay does not understand")
                        .matches("(\\./portfolio up --demo|\\. \\.portfolio/demo\\.env|token\\(\\) \\{|tail |xdg-open ).*");
            }
        }

        assertThat(replayed).as("every curl of the walkthrough replayed (the token function's excepted)").hasSize((int) curls - 1);
        // what the audit found missing from the system tests (issue 12): each is part of the replay
        assertThat(String.join("\n", replayed)).contains("GET /api/autonomy/portfolio?", "GET /api/performance/public/schools/",
                "/statistics", "/result", "GET /api/webhooks/", "/deliveries", "GET /api/events?");
        long validated = ContractValidation.validated() - validatedBefore;
        long gets = replayed.stream().filter(r -> r.startsWith("GET ")).count();
        System.out.println("[readme] replayed " + replayed.size() + " calls of the README walkthrough on the demo district ("
                + gets + " GETs, " + (replayed.size() - gets) + " POSTs) and " + tokens.size() + " token requests: all 2xx; "
                + validated + " exchanges validated against the merged OpenAPI document, 0 violations (GET /openapi and "
                + "GET /asyncapi are the documents themselves)");
        replayed.forEach(r -> System.out.println("[readme]   " + r));
    }

    /** The bash block of "Try it: the demo district", continuation lines joined, comments and blank lines left out. */
    private static List<String> walkthrough() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int section = readme.indexOf("## Try it: the demo district");
        assertThat(section).as("README's demo section").isGreaterThanOrEqualTo(0);
        int start = readme.subList(section, readme.size()).indexOf("```bash") + section;
        int end = readme.subList(start + 1, readme.size()).indexOf("```") + start + 1;
        List<String> lines = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : readme.subList(start + 1, end)) {
            String l = raw.strip();
            if (pending.isEmpty() && (l.isEmpty() || l.startsWith("#"))) {
                continue;
            }
            if (l.endsWith("\\")) {
                pending.append(l, 0, l.length() - 1).append(' ');
                continue;
            }
            pending.append(l);
            lines.add(pending.toString().replaceAll("\\s+", " "));
            pending.setLength(0);
        }
        return lines;
    }

    /** A token of the demo's client for this role, as the README's token function gets it (POST /oauth/token, Basic). */
    private String token(String role) {
        return tokens.computeIfAbsent(role, r -> {
            Response t = RestAssured.given().baseUri(vars.get("GW")).auth().preemptive()
                    .basic(required(r + "_ID"), required(r + "_SECRET")).contentType("application/x-www-form-urlencoded")
                    .formParam("grant_type", "client_credentials").post("/oauth/token");
            assertThat(t.statusCode()).as("a token for the demo's " + r + " client: " + t.asString()).isEqualTo(200);
            return t.path("access_token");
        });
    }

    /** One curl line of the README: -X, -H and -d as curl reads them; what follows a pipe or a comment is not sent. */
    private Response replay(String line) {
        List<String> words = words(line);
        String method = null;
        String body = null;
        String url = null;
        RequestSpecification spec = RestAssured.given();
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            switch (w) {
                case "|", "#" -> i = words.size();
                case "-s" -> {
                }
                case "-X" -> method = words.get(++i);
                case "-d" -> body = words.get(++i);
                case "-H" -> {
                    String h = expand(words.get(++i));
                    spec.header(h.substring(0, h.indexOf(':')).strip(), h.substring(h.indexOf(':') + 1).strip());
                }
                default -> {
                    assertThat(url).as("one url in: " + line).isNull();
                    assertThat(w).as("an option this replay does not know in: " + line).doesNotStartWith("-");
                    url = expand(w);
                }
            }
        }
        assertThat(url).as("the url of: " + line).startsWith(vars.get("GW") + "/");
        method = method != null ? method : body != null ? "POST" : "GET";
        if (body != null) {
            spec.body(body);
        }
        Response r = spec.request(method, url);
        String call = method + " " + url.substring(vars.get("GW").length());
        assertThat(r.statusCode()).as(call + " (README: " + line + ") answered " + r.asString()).isBetween(200, 299);
        replayed.add(call + " → " + r.statusCode());
        return r;
    }

    /** Shell words: '…' taken as is, "…" with its variables expanded later, a bare # or | ends the command. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (c == '$' && line.startsWith("$(", i)) { // $(token $X_ID $X_SECRET) inside or outside quotes
                int close = line.indexOf(')', i);
                w.append(line, i, close + 1);
                i = close;
                any = true;
            } else if (c == ' ') {
                if (any) {
                    words.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        if (quote == 0 && any) {
            words.add(w.toString());
        }
        return words;
    }

    /** $(token $ROLE_ID $ROLE_SECRET) and $NAME / ${NAME} from demo.env and the lines replayed so far. */
    private String expand(String word) {
        Matcher t = TOKEN.matcher(word);
        StringBuilder out = new StringBuilder();
        while (t.find()) {
            assertThat(t.group(1)).isEqualTo(t.group(2));
            t.appendReplacement(out, Matcher.quoteReplacement(token(t.group(1))));
        }
        t.appendTail(out);
        Matcher v = VARIABLE.matcher(out.toString());
        StringBuilder expanded = new StringBuilder();
        while (v.find()) {
            v.appendReplacement(expanded, Matcher.quoteReplacement(required(v.group(1))));
        }
        v.appendTail(expanded);
        return expanded.toString();
    }

    private String required(String name) {
        String v = vars.get(name);
        assertThat(v).as("$" + name + " (demo.env or an earlier line of the walkthrough)").isNotNull();
        return v;
    }
}
