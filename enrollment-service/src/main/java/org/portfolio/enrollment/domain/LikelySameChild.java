package org.portfolio.enrollment.domain;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;

/**
 * What two applicant records have in common when they are likely one child entered twice under two references (hostile
 * read of the twenty-fifth pass, E2: such a child drew two lottery numbers and held two seats): the same birth date and
 * the same two names, compared by their letters and digits only (case, accents, spaces, hyphens and apostrophes
 * ignored), in either order (a first name entered as the last one). A hint for the enrollment office, never a decision:
 * twins have one birth date and different names; two children may share both.
 */
public record LikelySameChild(LocalDate birthDate, String oneName, String otherName) {

    public static LikelySameChild of(String firstName, String lastName, LocalDate birthDate) {
        String a = fold(firstName);
        String b = fold(lastName);
        return a.compareTo(b) <= 0 ? new LikelySameChild(birthDate, a, b) : new LikelySameChild(birthDate, b, a);
    }

    /**
     * Letters and digits only, case-folded, accents dropped ("Zoë-Ann O'Neil" and "zoeann oneil" fold alike; "Straße" and
     * "STRASSE", "Łukasz" and "Lukasz", "Οδυσσέας" and "ΟΔΥΣΣΕΑΣ" too). A mark is dropped after a Latin, Greek or
     * Cyrillic letter only, where it is an accent: elsewhere (Devanagari, Thai, Tamil vowel signs) it tells two names
     * apart and is kept (the pass's own read, R8 and R9).
     */
    static String fold(String name) {
        if (name == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder kept = new StringBuilder(decomposed.length());
        Character.UnicodeScript base = Character.UnicodeScript.COMMON;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (isMark(cp)) {
                if (!ACCENTED.contains(base)) {
                    kept.appendCodePoint(cp);
                }
            } else if (Character.isLetterOrDigit(cp)) {
                base = Character.UnicodeScript.of(cp);
                kept.appendCodePoint(cp);
            }
        }
        // full case folding as far as the JDK goes: ß → SS → ss, final ς → Σ → σ, dotless ı → I → i
        String folded = kept.toString().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().forEach(cp -> out.append(LETTERS_WITHOUT_DECOMPOSITION.getOrDefault(cp, Character.toString(cp))));
        // a name of only marks or punctuation folds to nothing: compare it as written rather than match every such name
        return out.isEmpty() ? name.strip().toLowerCase(Locale.ROOT) : out.toString();
    }

    private static final java.util.Set<Character.UnicodeScript> ACCENTED = java.util.EnumSet.of(
            Character.UnicodeScript.LATIN, Character.UnicodeScript.GREEK, Character.UnicodeScript.CYRILLIC);

    /** Latin letters that carry their stroke or ligature in the code point itself: NFKD leaves them whole. */
    private static final java.util.Map<Integer, String> LETTERS_WITHOUT_DECOMPOSITION = java.util.Map.of(
            (int) 'ł', "l", (int) 'ø', "o", (int) 'đ', "d", (int) 'æ', "ae", (int) 'œ', "oe", (int) 'þ', "th",
            (int) 'ħ', "h", (int) 'ŧ', "t", (int) 'ƀ', "b", (int) 'ð', "d");

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
