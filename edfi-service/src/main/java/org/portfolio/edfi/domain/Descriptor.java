package org.portfolio.edfi.domain;

/** An Ed-Fi descriptor value {@code namespace#CodeValue}, e.g. {@code uri://ed-fi.org/AttendanceEventCategoryDescriptor#Tardy}. */
public record Descriptor(String namespace, String codeValue) {

    /** Ed-Fi's limits: a namespace of up to 255 characters, a code value of up to 50. */
    public static final int MAX_NAMESPACE = 255;
    public static final int MAX_CODE_VALUE = 50;

    /** The descriptor of a URI, or null when it is not one ({@code #} missing, a part empty or too long). */
    public static Descriptor parse(String uri) {
        if (uri == null) {
            return null;
        }
        int hash = uri.lastIndexOf('#');
        if (hash <= 0 || hash == uri.length() - 1) {
            return null;
        }
        String ns = uri.substring(0, hash);
        String code = uri.substring(hash + 1);
        if (characters(ns) > MAX_NAMESPACE || characters(code) > MAX_CODE_VALUE || !ns.strip().equals(ns) || !code.strip().equals(code)) {
            return null;
        }
        return new Descriptor(ns, code);
    }

    /**
     * A text's length in characters (code points), as Ed-Fi's and the document's {@code maxLength} count it, not UTF-16
     * units (nineteenth pass: a code value of 50 characters outside the Basic Multilingual Plane was refused).
     */
    public static int characters(String s) {
        return s.codePointCount(0, s.length());
    }

    public String uri() {
        return namespace + "#" + codeValue;
    }
}
