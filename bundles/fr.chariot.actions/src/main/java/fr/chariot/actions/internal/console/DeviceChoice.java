package fr.chariot.actions.internal.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.actions.api.DeviceActions;
import fr.chariot.api.DeviceDirectory;
import fr.chariot.api.DeviceId;
import fr.chariot.api.DeviceRecord;
import fr.chariot.api.Site;
import fr.chariot.inventory.api.DeviceInventory;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryPage;
import fr.chariot.inventory.api.InventoryQuery;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DeviceSelection;
import fr.chariot.webconsole.api.DeviceSelections;
import fr.chariot.webconsole.api.PageRequest;

/**
 * The devices a group action is asked for, as the inventory screen hands them over: repeated {@code udid} fields, or
 * {@code all=true} with the search's own parameters ({@code q}, {@code site}, {@code filter.<field>},
 * {@code in=<kind>:<id>}; {@code sort} and {@code order} change nothing). The same rules as the REST API: a named
 * device the user does not see makes the whole choice unknown, without saying which.
 */
final class DeviceChoice {

    static final String UDID = "udid";
    static final String ALL = "all";
    static final String TEXT = "q";
    static final String SITE = "site";
    static final String IN = "in";
    static final String FILTER_PREFIX = "filter.";

    /** A device of the choice, as the form lists it. */
    record Picked(DeviceId udid, String name, String site) {
    }

    /** A hidden field that carries the choice on to {@code actions/start}. */
    record Field(String name, String value) {
    }

    /**
     * What the parameters chose.
     *
     * @param devices the devices, each once, in the inventory's order
     * @param fields  the parameters that choose them again
     * @param label   what an {@code in} selection is called (« Groupe … »); empty otherwise
     */
    record Chosen(List<Picked> devices, List<Field> fields, String label) {
    }

    /** The choice is too large for one action. */
    static final class TooMany extends IllegalArgumentException {
        final long count;

        TooMany(long count) {
            super("La sélection compte " + count + " appareils ; une action en prend au plus "
                    + DeviceActions.MAX_DEVICES + ".");
            this.count = count;
        }
    }

    private final DeviceDirectory directory;
    private final Inventory inventory;
    private final DeviceSelections selections;

    /** @param selections what an {@code in=<kind>:<id>} parameter may name */
    DeviceChoice(DeviceDirectory directory, Inventory inventory, DeviceSelections selections) {
        this.directory = directory;
        this.inventory = inventory;
        this.selections = selections;
    }

    /**
     * The devices the request chose.
     *
     * @return empty when a device named, the college asked or the {@code in} selection is not among the user's
     * @throws TooMany                  when more than {@link DeviceActions#MAX_DEVICES} devices are chosen
     * @throws IllegalArgumentException with a French message when the search is malformed
     */
    Optional<Chosen> resolve(PageRequest request) {
        if (request.parameter(ALL).map("true"::equalsIgnoreCase).orElse(false)) {
            return searched(request);
        }
        return named(request.user().principal(), request.parameters(UDID));
    }

    private Optional<Chosen> named(Principal principal, List<String> udids) {
        Set<String> distinct = new LinkedHashSet<>(udids);
        if (distinct.size() > DeviceActions.MAX_DEVICES) {
            throw new TooMany(distinct.size());
        }
        List<Picked> picked = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        for (String udid : distinct) {
            Optional<DeviceRecord> device;
            try {
                device = directory.find(new DeviceId(udid));
            } catch (IllegalArgumentException notAUdid) {
                device = Optional.empty();
            }
            if (device.isEmpty() || !principal.canSee(device.get().rne())) {
                return Optional.empty();
            }
            DeviceRecord record = device.get();
            // the inventory's name is the one the technician sees everywhere else; Authenticate's until it has one
            String name = inventory.find(record.udid()).flatMap(DeviceInventory::name)
                    .or(record::deviceName).orElse(record.udid().udid());
            picked.add(new Picked(record.udid(), name, record.rne()));
            fields.add(new Field(UDID, record.udid().udid()));
        }
        return Optional.of(new Chosen(picked, fields, ""));
    }

    private Optional<Chosen> searched(PageRequest request) {
        ConsoleUser user = request.user();
        Principal principal = user.principal();
        List<Field> fields = new ArrayList<>(List.of(new Field(ALL, "true")));
        String text = request.parameter(TEXT).orElse("");
        if (!text.isEmpty()) {
            fields.add(new Field(TEXT, text));
        }
        Optional<Set<String>> sites;
        Optional<String> site = request.parameter(SITE);
        if (site.isPresent()) {
            String rne;
            try {
                rne = Site.normalizeRne(site.get());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("« " + site.get() + " » n’est pas un code RNE (UAI) : sept "
                        + "chiffres suivis d’une lettre, par exemple 0310001A.", e);
            }
            if (!principal.canSee(rne)) {
                return Optional.empty();
            }
            sites = Optional.of(Set.of(rne));
            fields.add(new Field(SITE, rne));
        } else {
            sites = principal.role() == Role.DEPARTMENT_ADMIN ? Optional.empty() : Optional.of(principal.sites());
        }
        Map<String, String> filters = new LinkedHashMap<>();
        request.parameterMap().keySet().stream().filter(name -> name.startsWith(FILTER_PREFIX)).sorted()
                .forEach(name -> request.parameter(name).ifPresent(value -> {
                    filters.put(name.substring(FILTER_PREFIX.length()), value);
                    fields.add(new Field(name, value));
                }));
        InventoryQuery query = InventoryQuery.parse(text, sites, filters, null, null, 0,
                InventoryQuery.MAX_PAGE_SIZE);
        Optional<DeviceSelection.Selected> in = Optional.empty();
        Optional<String> inParameter = request.parameter(IN);
        if (inParameter.isPresent()) {
            in = selections.resolve(user, inParameter.get());
            if (in.isEmpty()) {
                return Optional.empty();
            }
            fields.add(new Field(IN, inParameter.get()));
        }
        List<Picked> picked = new ArrayList<>();
        for (int page = 0;; page++) {
            InventoryPage result = inventory.search(query.withPage(page));
            // a selection narrows the search afterwards: only then can a large search still give a small choice
            if (in.isEmpty() && result.total() > DeviceActions.MAX_DEVICES) {
                throw new TooMany(result.total());
            }
            for (DeviceInventory row : result.items()) {
                if (principal.canSee(row.site()) && in.map(set -> set.udids().contains(row.udid().udid()))
                        .orElse(true)) {
                    picked.add(new Picked(row.udid(), row.name().orElse(row.udid().udid()), row.site()));
                }
            }
            if (result.items().size() < query.size()) {
                break;
            }
        }
        if (picked.size() > DeviceActions.MAX_DEVICES) {
            throw new TooMany(picked.size());
        }
        return Optional.of(new Chosen(picked, fields, in.map(DeviceSelection.Selected::label).orElse("")));
    }
}
