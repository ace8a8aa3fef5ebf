package fr.chariot.inventory.api;

import fr.chariot.api.Site;

/** A college's RNE checked with {@link Site#normalizeRne}, refused in French for the technicians. */
final class Rne {

    private Rne() {
    }

    /** @throws IllegalArgumentException when it is not seven digits followed by a letter */
    static String normalize(String rne) {
        try {
            return Site.normalizeRne(rne);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("« " + rne + " » n'est pas un code RNE (UAI) : sept chiffres suivis "
                    + "d'une lettre, par exemple 0310001A.", e);
        }
    }
}
