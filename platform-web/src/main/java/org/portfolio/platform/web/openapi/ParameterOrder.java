package org.portfolio.platform.web.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Path parameters in the order the path names them. SmallRye lists an operation's parameters by name, and code
 * generators take a method's arguments in the document's order: {@code /periods/{periodId}/applications/{applicantId}/result}
 * became {@code getResult(applicantId, periodId)}, and a caller who passed them in the path's order swapped two UUIDs
 * without any error from the compiler (outside check of a generated Python client, eleventh pass). The path's
 * parameters come first, in the path's order; the others keep their order after them. Parameters declared on the path
 * item or by {@code $ref} are left where they are (the services' documents have none; the system tests'
 * PathParameterOrderTest checks the merged document as a whole).
 */
final class ParameterOrder {

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    private ParameterOrder() {
    }

    /** Puts every operation's path parameters in the order of its path; how many operations it changed. */
    static int apply(OpenAPI api) {
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return 0;
        }
        int changed = 0;
        for (Map.Entry<String, PathItem> p : api.getPaths().getPathItems().entrySet()) {
            List<String> names = new ArrayList<>();
            for (Matcher m = TEMPLATE.matcher(p.getKey()); m.find(); ) {
                names.add(m.group(1));
            }
            if (names.isEmpty()) {
                continue;
            }
            for (Operation op : p.getValue().getOperations().values()) {
                List<Parameter> ps = op.getParameters();
                if (ps == null || ps.size() < 2) {
                    continue;
                }
                List<Parameter> sorted = new ArrayList<>(ps);
                sorted.sort(Comparator.comparingInt(x -> position(names, x))); // stable: the others keep their order
                if (!sorted.equals(ps)) {
                    op.setParameters(sorted);
                    changed++;
                }
            }
        }
        return changed;
    }

    private static int position(List<String> names, Parameter p) {
        int i = p.getIn() == Parameter.In.PATH ? names.indexOf(p.getName()) : -1;
        return i < 0 ? names.size() : i;
    }
}
