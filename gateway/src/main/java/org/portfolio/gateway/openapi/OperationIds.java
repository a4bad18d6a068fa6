package org.portfolio.gateway.openapi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code operationId} of every operation of the merged document: generated clients name their methods after it,
 * so it is unique, stable (it depends on the operation's own method and path, not on the order of the documents or
 * on the other operations) and reads like a method name (docs/gateway.md, "operationId"):
 * <ul>
 *   <li>an id the source document gives the operation is kept, if no other operation of the merged document has it;</li>
 *   <li>otherwise the id is a verb and the nouns of the path ({@code /api} left out, a noun followed by a parameter
 *       made singular): an item ({@code /{id}} at the end) is {@code get}, {@code update} (PUT, PATCH) or
 *       {@code delete}: {@code GET /api/contracts/{id}} → {@code getContract}; a collection (a plural noun at the end)
 *       is {@code list} (GET) or {@code create} (POST, singular): {@code POST /api/enrollment/periods/{id}/programs}
 *       → {@code createEnrollmentPeriodProgram}; any other last segment is a sub-resource read with {@code get},
 *       changed with {@code update}/{@code delete}, or, for POST, an action whose first word is the verb
 *       ({@code POST /api/enrollment/periods/{id}/discard-match} → {@code discardEnrollmentPeriodMatch}) — unless
 *       it is a noun (-ion, -al, -ment, -ance, -ence, -ure…), which is created:
 *       {@code POST /api/contracts/{id}/renewal} → {@code createContractRenewal};</li>
 *   <li>operations that would share an id each get the plain form of their method and whole path instead
 *       ({@code postApiContractsByIdRenewal}), so no id ever depends on which of them came first.</li>
 * </ul>
 * Pure: no I/O.
 */
public final class OperationIds {

    private static final String[] NOUN_ENDINGS = {"ion", "al", "ment", "ance", "ence", "ure", "ship", "ness"};

    /** One operation: its method (lower case), path template, and the id its own document gave it (or null). */
    public record Operation(String method, String path, String declaredId) {
    }

    private OperationIds() {
    }

    /** The id of each operation, in the order given. */
    public static List<String> assign(List<Operation> operations) {
        Map<String, Integer> declared = new HashMap<>();
        for (Operation o : operations) {
            if (o.declaredId() != null && !o.declaredId().isBlank()) {
                declared.merge(o.declaredId(), 1, Integer::sum);
            }
        }
        List<String> ids = new ArrayList<>();
        for (Operation o : operations) {
            boolean keep = o.declaredId() != null && !o.declaredId().isBlank() && declared.get(o.declaredId()) == 1;
            ids.add(keep ? o.declaredId() : readable(o.method(), o.path()));
        }
        Map<String, Integer> uses = new HashMap<>();
        ids.forEach(id -> uses.merge(id, 1, Integer::sum));
        for (int i = 0; i < ids.size(); i++) {
            if (uses.get(ids.get(i)) > 1) {
                ids.set(i, plain(operations.get(i).method(), operations.get(i).path()));
            }
        }
        return ids;
    }

    /** GET /api/enrollment/periods/{periodId}/programs/{id}/waitlist → getEnrollmentPeriodProgramWaitlist. */
    static String readable(String method, String path) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        if (!segments.isEmpty() && segments.get(0).equals("api")) {
            segments.remove(0);
        }
        String m = method.toLowerCase(Locale.ROOT);
        if (segments.isEmpty()) {
            return m + "Root";
        }
        StringBuilder nouns = new StringBuilder();
        String last = segments.get(segments.size() - 1);
        boolean item = isParameter(last);
        int end = item ? segments.size() : segments.size() - 1; // the nouns before the last literal segment
        for (int i = 0; i < end; i++) {
            String s = segments.get(i);
            if (!isParameter(s)) {
                boolean one = i + 1 < segments.size() && isParameter(segments.get(i + 1));
                nouns.append(camel(words(one ? singular(s) : s)));
            }
        }
        if (item) {
            return switch (m) {
                case "put", "patch" -> "update";
                default -> m;
            } + nouns;
        }
        List<String> words = words(last);
        boolean plural = isPlural(last);
        return switch (m) {
            case "get" -> (plural ? "list" : "get") + nouns + camel(words);
            case "post" -> plural ? "create" + nouns + camel(words(singular(last)))
                    : isNoun(words.get(words.size() - 1)) ? "create" + nouns + camel(words)
                    : words.get(0).toLowerCase(Locale.ROOT) + nouns + camel(words.subList(1, words.size()));
            case "put", "patch" -> "update" + nouns + camel(words);
            default -> m + nouns + camel(words);
        };
    }

    /** GET /api/schools/{id}/decision-rights → getApiSchoolsByIdDecisionRights: every segment, parameters as By… */
    static String plain(String method, String path) {
        StringBuilder sb = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (String seg : path.split("/")) {
            if (seg.isEmpty()) {
                continue;
            }
            if (isParameter(seg)) {
                sb.append("By").append(camel(words(seg.substring(1, seg.length() - 1))));
            } else {
                sb.append(camel(words(seg)));
            }
        }
        return sb.toString();
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static boolean isPlural(String segment) {
        return segment.endsWith("s") && !segment.endsWith("ss") && !segment.endsWith("us");
    }

    private static boolean isNoun(String word) {
        for (String e : NOUN_ENDINGS) {
            if (word.endsWith(e)) {
                return true;
            }
        }
        return false;
    }

    static String singular(String segment) {
        if (segment.endsWith("ies")) {
            return segment.substring(0, segment.length() - 3) + "y";
        }
        if (segment.endsWith("ses") || segment.endsWith("xes")) {
            return segment.substring(0, segment.length() - 2);
        }
        return isPlural(segment) ? segment.substring(0, segment.length() - 1) : segment;
    }

    /** "decision-rights" → [decision, rights]; ".well-known" → [well, known]; characters other than letters and digits split. */
    private static List<String> words(String segment) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (char c : segment.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                w.append(c);
            } else if (!w.isEmpty()) {
                out.add(w.toString());
                w.setLength(0);
            }
        }
        if (!w.isEmpty()) {
            out.add(w.toString());
        }
        if (out.isEmpty()) {
            out.add("x");
        }
        return out;
    }

    private static String camel(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return sb.toString();
    }
}
