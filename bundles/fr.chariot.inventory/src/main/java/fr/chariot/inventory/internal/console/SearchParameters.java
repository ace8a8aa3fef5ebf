package fr.chariot.inventory.internal.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import fr.chariot.webconsole.api.PageRequest;

/**
 * The general inventory's URL parameters as the user sent them ({@code q}, {@code site}, {@code in},
 * {@code filter.<field>}, {@code sort}, {@code order}, {@code page}, {@code size}), unchecked: links (sort, pages,
 * chips, exports) and the group action's hidden fields carry them on as they are, and {@link InventoryListPage}
 * checks them.
 */
record SearchParameters(String text, String site, String in, Map<String, String> filters, String sort, String order,
        String page, String size) {

    static final String FILTER_PREFIX = "filter.";

    /** A name and value, for hidden fields. */
    public record Param(String name, String value) {
    }

    SearchParameters {
        filters = Map.copyOf(filters);
    }

    static SearchParameters of(PageRequest request) {
        Map<String, String> filters = new TreeMap<>();
        request.parameterMap().keySet().stream()
                .filter(name -> name.startsWith(FILTER_PREFIX) && name.length() > FILTER_PREFIX.length())
                .forEach(name -> request.parameter(name)
                        .ifPresent(value -> filters.put(name.substring(FILTER_PREFIX.length()), value)));
        return new SearchParameters(request.parameter("q").orElse(""), request.parameter("site").orElse(""),
                request.parameter("in").orElse(""), filters, request.parameter("sort").orElse(""),
                request.parameter("order").orElse(""), request.parameter("page").orElse(""),
                request.parameter("size").orElse(""));
    }

    /** What describes the devices searched and their order (no page): the group action and exports carry these. */
    List<Param> search() {
        return searchMap().entrySet().stream().map(e -> new Param(e.getKey(), e.getValue())).toList();
    }

    private Map<String, String> searchMap() {
        Map<String, String> map = new LinkedHashMap<>();
        put(map, "q", text);
        put(map, "site", site);
        put(map, "in", in);
        filters.forEach((field, value) -> put(map, FILTER_PREFIX + field, value));
        put(map, "sort", sort);
        put(map, "order", order);
        return map;
    }

    private static void put(Map<String, String> map, String name, String value) {
        if (!value.isEmpty()) {
            map.put(name, value);
        }
    }

    /** The list's link on another page, the rest kept. */
    String page(int number) {
        Map<String, String> map = searchMap();
        put(map, "size", size);
        map.put("page", Integer.toString(number));
        return link("inventory", map);
    }

    /** The list sorted otherwise, from its first page. */
    String sorted(String field, boolean ascending) {
        Map<String, String> map = searchMap();
        map.put("sort", field);
        map.put("order", ascending ? "asc" : "desc");
        put(map, "size", size);
        return link("inventory", map);
    }

    /** The list without one of its filters, from its first page. */
    String withoutFilter(String field) {
        Map<String, String> map = searchMap();
        map.remove(FILTER_PREFIX + field);
        put(map, "size", size);
        return link("inventory", map);
    }

    /** The list without its selection ({@code in}), from its first page. */
    String withoutSelection() {
        Map<String, String> map = searchMap();
        map.remove("in");
        put(map, "size", size);
        return link("inventory", map);
    }

    /** The export of the same devices in the same order. */
    String export(String format) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("format", format);
        map.putAll(searchMap());
        return link("inventory/export", map);
    }

    private static String link(String path, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return path;
        }
        return path + "?" + parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
