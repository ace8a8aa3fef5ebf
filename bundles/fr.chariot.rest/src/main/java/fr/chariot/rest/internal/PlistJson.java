package fr.chariot.rest.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Plist values (as in {@link fr.chariot.api.Command}) to and from JSON. JSON has no data nor date type, so they
 * travel as one-key objects: {@code {"$data":"<base64>"}} and {@code {"$date":"<ISO-8601>"}}. An integer becomes a
 * {@code Long}, any other number a {@code Double}; {@code null} has no plist form and is refused.
 */
final class PlistJson {

    static final String DATA = "$data";
    static final String DATE = "$date";

    private PlistJson() {
    }

    /**
     * @param where where the value sits in the request, e.g. {@code Queries[0]}, for the error message
     * @throws ApiError 400 when the value has no plist form
     */
    static Object toPlist(JsonNode node, String where) throws ApiError {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw ApiError.badRequest("« " + where + " » : entier trop grand pour un plist (64 bits au plus).");
            }
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            List<Object> array = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                array.add(toPlist(node.get(i), where + "[" + i + "]"));
            }
            return array;
        }
        if (node.isObject()) {
            if (node.has(DATA) || node.has(DATE)) {
                return special(node, where);
            }
            Map<String, Object> dictionary = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                dictionary.put(field.getKey(), toPlist(field.getValue(), where + "." + field.getKey()));
            }
            return dictionary;
        }
        throw ApiError.badRequest("« " + where + " » : la valeur " + (node.isNull() ? "null" : node.getNodeType())
                + " n'a pas d'équivalent plist (chaîne, booléen, nombre, tableau, objet, {\"$data\":…} ou "
                + "{\"$date\":…}).");
    }

    private static Object special(JsonNode node, String where) throws ApiError {
        String key = node.has(DATA) ? DATA : DATE;
        JsonNode value = node.get(key);
        if (node.size() != 1 || !value.isTextual()) {
            throw ApiError.badRequest("« " + where + " » : un objet " + key + " n'a que la clé " + key
                    + ", dont la valeur est une chaîne.");
        }
        if (key.equals(DATA)) {
            try {
                return Base64.getDecoder().decode(value.textValue());
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("« " + where + " » : " + DATA + " n'est pas du base64 valide.");
            }
        }
        try {
            return OffsetDateTime.parse(value.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("« " + where + " » : " + DATE
                    + " n'est pas une date ISO-8601 avec fuseau, p. ex. 2026-09-01T08:00:00Z.");
        }
    }

    /** A plist value as Jackson writes it: data and dates in their one-key object form. */
    static Object toJson(Object value) {
        if (value instanceof byte[] data) {
            return Map.of(DATA, Base64.getEncoder().encodeToString(data));
        }
        if (value instanceof Instant instant) {
            return Map.of(DATE, instant.toString());
        }
        if (value instanceof java.util.Date date) {
            return Map.of(DATE, date.toInstant().toString());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PlistJson::toJson).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = new LinkedHashMap<>();
            map.forEach((k, v) -> object.put(String.valueOf(k), toJson(v)));
            return object;
        }
        return value;
    }
}
