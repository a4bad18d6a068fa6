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

    /** Letters and digits only, lower case, marks dropped ("Zoë-Ann O'Neil" and "zoeann oneil" fold alike). */
    static String fold(String name) {
        if (name == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().filter(Character::isLetterOrDigit)
                .forEach(cp -> out.appendCodePoint(Character.toLowerCase(cp)));
        // a name of only marks or punctuation folds to nothing: compare it as written rather than match every such name
        return out.isEmpty() ? name.strip().toLowerCase(Locale.ROOT) : out.toString();
    }
}
