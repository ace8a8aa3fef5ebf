package fr.chariot.rest.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import fr.chariot.accounts.api.Principal;
import fr.chariot.inventory.api.InventoryField;
import fr.chariot.inventory.api.InventoryQuery;

/**
 * A search of the general inventory as people and scripts write it ({@code q}, {@code site}, {@code filter.<field>},
 * {@code sort}, {@code order}), checked here so that every refusal is a French sentence naming what is wrong, and
 * limited to the caller's colleges.
 */
final class InventorySearch {

    /** Query parameters {@code filter.<field>=value}: equality on any inventory field. */
    static final String FILTER_PREFIX = "filter.";
    static final int MAX_TEXT = 200;

    private final Colleges colleges;

    InventorySearch(Colleges colleges) {
        this.colleges = colleges;
    }

    /**
     * The search a list, an export or a group action's {@code q} describes.
     *
     * @param filters field name → value as typed
     * @param page    from 0
     */
    InventoryQuery query(Principal caller, String text, Optional<String> site, Map<String, String> filters,
            String sort, String order, int page, int size) throws ApiError {
        String searched = text == null ? "" : text.strip();
        if (searched.length() > MAX_TEXT) {
            throw ApiError.badRequest("Le texte cherché (« q ») dépasse " + MAX_TEXT + " caractères.");
        }
        Map<InventoryField, Object> typed = new EnumMap<>(InventoryField.class);
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            InventoryField field = field(filter.getKey(), "le filtre « " + FILTER_PREFIX + filter.getKey() + " »");
            typed.put(field, value(field, filter.getValue()));
        }
        InventoryField sortField = sort == null || sort.isBlank() ? InventoryField.NAME : field(sort, "le tri");
        boolean ascending;
        if (order == null || order.isBlank() || order.equalsIgnoreCase("asc")) {
            ascending = true;
        } else if (order.equalsIgnoreCase("desc")) {
            ascending = false;
        } else {
            throw ApiError.badRequest("L'ordre de tri (« order ») vaut asc ou desc, pas « " + order + " ».");
        }
        Optional<Set<String>> sites = colleges.searched(caller, site);
        return new InventoryQuery(searched, sites, typed, sortField, ascending, page, size);
    }

    /** The search of a list or export request's parameters. */
    InventoryQuery query(Principal caller, ApiRequest request, int page, int size) throws ApiError {
        return query(caller, request.parameter("q").orElse(""), request.parameter("site"), filters(request),
                request.parameter("sort").orElse(null), request.parameter("order").orElse(null), page, size);
    }

    /** The {@code filter.<field>} parameters, by field name. */
    static Map<String, String> filters(ApiRequest request) {
        return request.query().entrySet().stream().filter(e -> e.getKey().startsWith(FILTER_PREFIX))
                .collect(Collectors.toMap(e -> e.getKey().substring(FILTER_PREFIX.length()), Map.Entry::getValue));
    }

    /**
     * The columns named in {@code columns=a,b,c}: each a known field, once.
     *
     * @return empty when the parameter is absent or blank
     */
    static Optional<List<InventoryField>> columns(ApiRequest request) throws ApiError {
        String text = request.parameter("columns").orElse("");
        if (text.isBlank()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (String name : text.split(",")) {
            names.add(name.strip());
        }
        return Optional.of(columns(names));
    }

    /** Column names as fields; unknown, blank or repeated names are refused. */
    static List<InventoryField> columns(List<String> names) throws ApiError {
        Set<InventoryField> fields = new LinkedHashSet<>();
        for (String name : names) {
            if (!fields.add(field(name, "les colonnes"))) {
                throw ApiError.badRequest("La colonne « " + name + " » est demandée deux fois.");
            }
        }
        return List.copyOf(fields);
    }

    /** A field by its JSON name; 400 naming the known ones otherwise. */
    static InventoryField field(String name, String where) throws ApiError {
        try {
            return InventoryField.byName(name);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Champ d'inventaire inconnu « " + name + " » dans " + where
                    + " ; champs connus : " + knownFields() + ".");
        }
    }

    static String knownFields() {
        return Arrays.stream(InventoryField.values()).map(InventoryField::fieldName).collect(Collectors.joining(", "));
    }

    /** A value typed by a person for a field, of the field's type. */
    static Object value(InventoryField field, String text) throws ApiError {
        try {
            return InventoryQuery.parseValue(field, text);
        } catch (IllegalArgumentException e) {
            String expected = switch (field.type()) {
                case INTEGER -> "un nombre entier";
                case BOOLEAN -> "true ou false";
                case INSTANT -> "une date ISO-8601 comme 2026-09-01T08:00:00Z";
                case ROLE -> "STUDENT_SHARED, TEACHER_SHARED ou TEACHER_PERSONAL";
                case TEXT, VERSION -> "un texte";
            };
            throw ApiError.badRequest("Le champ « " + field.fieldName() + " » attend " + expected + ", pas « " + text
                    + " ».");
        }
    }
}
