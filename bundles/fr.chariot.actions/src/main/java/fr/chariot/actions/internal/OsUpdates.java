package fr.chariot.actions.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.chariot.actions.api.OutcomeStatus;

/**
 * Reads a device's answers to the two steps of an OS update: the update to schedule from its
 * {@code AvailableOSUpdates}, then what its {@code ScheduleOSUpdate} answer means for the report.
 */
final class OsUpdates {

    /** The InstallAction that needs an update offered with {@code AllowsInstallLater}. */
    static final String INSTALL_LATER = "InstallLater";

    /** Compares OS versions number by number: 17.10 after 17.9, 17.4.1 after 17.4, 17.4 equal to 17.4.0. */
    static final Comparator<String> VERSION_ORDER = OsUpdates::compareVersions;

    private static final Pattern LEADING_NUMBER = Pattern.compile("(\\d{1,9})(.*)");

    /**
     * One update a device offered.
     *
     * @param productKey what {@code ScheduleOSUpdate} names it by
     * @param version    its {@code Version}
     * @param label      its version for a person, with the Rapid Security Response suffix, e.g. {@code 16.4.1 (a)}
     */
    record Offer(String productKey, String version, String label, boolean allowsInstallLater) {
    }

    /** What to do after an {@code AvailableOSUpdates} answer: schedule {@code offer}, or stop with a reason. */
    record Choice(Optional<Offer> offer, OutcomeStatus status, String reason) {
    }

    /** What a {@code ScheduleOSUpdate} answer means for the device's outcome. */
    record Scheduled(OutcomeStatus status, String reason) {
    }

    private OsUpdates() {
    }

    /**
     * The newest update offered, by {@code Version}; configuration-data and firmware updates (macOS) are not OS
     * updates and are left out. With {@code InstallLater}, only updates that allow it are candidates.
     *
     * @param response      the {@code AvailableOSUpdates} answer's keys
     * @param installAction the action's InstallAction
     */
    static Choice choose(Map<String, Object> response, String installAction) {
        List<Offer> offers = offers(response.get("AvailableOSUpdates"));
        if (offers.isEmpty()) {
            return new Choice(Optional.empty(), OutcomeStatus.DONE, "Déjà à jour");
        }
        List<Offer> candidates = INSTALL_LATER.equals(installAction)
                ? offers.stream().filter(Offer::allowsInstallLater).toList() : offers;
        Optional<Offer> newest = candidates.stream().max(Comparator.comparing(Offer::version, VERSION_ORDER));
        if (newest.isEmpty()) {
            return new Choice(Optional.empty(), OutcomeStatus.FAILED,
                    "Aucune mise à jour proposée n'accepte l'installation différée (InstallLater)");
        }
        return new Choice(newest, OutcomeStatus.QUEUED,
                "Mise à jour " + newest.get().label() + " proposée : programmation envoyée");
    }

    private static List<Offer> offers(Object updates) {
        if (!(updates instanceof List<?> items)) {
            return List.of();
        }
        return items.stream()
                .filter(Map.class::isInstance)
                .map(item -> (Map<?, ?>) item)
                .filter(item -> !isTrue(item.get("IsConfigDataUpdate")) && !isTrue(item.get("IsFirmwareUpdate")))
                .filter(item -> text(item.get("ProductKey")) != null && text(item.get("Version")) != null)
                .map(item -> {
                    String version = text(item.get("Version"));
                    String extra = text(item.get("SupplementalOSVersionExtra"));
                    return new Offer(text(item.get("ProductKey")), version,
                            extra == null ? version : version + " " + extra, isTrue(item.get("AllowsInstallLater")));
                })
                .toList();
    }

    /**
     * The outcome of an acknowledged {@code ScheduleOSUpdate}: its {@code UpdateResults} entry for the update sent
     * says whether it is scheduled. Failures that only a person can fix (no space, download failed) fail the
     * device; passing conditions (battery, network, a call) leave it scheduled, with the condition in the reason.
     */
    static Scheduled scheduled(Map<String, Object> response, String productKey, String label) {
        Map<?, ?> entry = resultFor(response.get("UpdateResults"), productKey);
        String update = "Mise à jour " + label;
        if (entry == null) {
            return new Scheduled(OutcomeStatus.DONE, update + " programmée");
        }
        String status = text(entry.get("Status"));
        if ("Error".equals(entry.get("InstallAction"))) {
            String cause = entry.get("ErrorChain") instanceof List<?> chain
                    ? " : " + ErrorChains.describe(errorChain(chain)) : "";
            return new Scheduled(OutcomeStatus.FAILED, update + " refusée par l'appareil" + cause);
        }
        if (status == null) {
            return new Scheduled(OutcomeStatus.DONE, update + " programmée");
        }
        return switch (status) {
            case "Idle" -> new Scheduled(OutcomeStatus.DONE, update + " programmée");
            case "Downloading" -> new Scheduled(OutcomeStatus.DONE, update + " programmée (téléchargement en cours)");
            case "Installing" -> new Scheduled(OutcomeStatus.DONE, update + " programmée (installation en cours)");
            case "DownloadInsufficientPower" -> new Scheduled(OutcomeStatus.DONE,
                    update + " programmée (batterie insuffisante pour télécharger)");
            case "DownloadInsufficientNetwork" -> new Scheduled(OutcomeStatus.DONE,
                    update + " programmée (réseau insuffisant pour télécharger)");
            case "InstallInsufficientPower" -> new Scheduled(OutcomeStatus.DONE,
                    update + " programmée (batterie insuffisante pour installer)");
            case "InstallPhoneCallInProgress" -> new Scheduled(OutcomeStatus.DONE,
                    update + " programmée (appel en cours)");
            case "DownloadFailed" -> new Scheduled(OutcomeStatus.FAILED, update + " : échec du téléchargement");
            case "DownloadRequiresComputer" -> new Scheduled(OutcomeStatus.FAILED,
                    update + " : téléchargement possible seulement depuis un ordinateur");
            case "DownloadInsufficientSpace" -> new Scheduled(OutcomeStatus.FAILED,
                    update + " : espace insuffisant pour télécharger");
            case "InstallInsufficientSpace" -> new Scheduled(OutcomeStatus.FAILED,
                    update + " : espace insuffisant pour installer");
            case "InstallFailed" -> new Scheduled(OutcomeStatus.FAILED, update + " : échec de l'installation");
            default -> new Scheduled(OutcomeStatus.DONE, update + " programmée (" + status + ")");
        };
    }

    /** The entry for the update sent; the only entry when the device names none by that key. */
    private static Map<?, ?> resultFor(Object results, String productKey) {
        if (!(results instanceof List<?> items)) {
            return null;
        }
        List<Map<?, ?>> entries = items.stream().filter(Map.class::isInstance).<Map<?, ?>>map(item -> (Map<?, ?>) item)
                .toList();
        return entries.stream().filter(entry -> productKey.equals(entry.get("ProductKey"))).findFirst()
                .orElse(entries.size() == 1 ? entries.get(0) : null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errorChain(List<?> chain) {
        return chain.stream().filter(Map.class::isInstance).map(item -> (Map<String, Object>) item).toList();
    }

    static int compareVersions(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int order = comparePart(i < a.length ? a[i] : "0", i < b.length ? b[i] : "0");
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    /** A number, possibly followed by letters (a beta's {@code 0b1}): numbers first, then the rest as text. */
    private static int comparePart(String left, String right) {
        Matcher a = LEADING_NUMBER.matcher(left.strip());
        Matcher b = LEADING_NUMBER.matcher(right.strip());
        if (a.matches() && b.matches()) {
            int order = Integer.compare(Integer.parseInt(a.group(1)), Integer.parseInt(b.group(1)));
            return order != 0 ? order : a.group(2).compareTo(b.group(2));
        }
        return left.compareTo(right);
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value);
    }

    private static String text(Object value) {
        return value instanceof String text && !text.isBlank() ? text : null;
    }
}
