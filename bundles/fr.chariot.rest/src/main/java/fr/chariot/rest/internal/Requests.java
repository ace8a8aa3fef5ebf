package fr.chariot.rest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import fr.chariot.api.Site;

/** Reading what a request carries: its JSON body and its numeric parameters, with 400 for anything malformed. */
final class Requests {

    /** Duplicate keys are refused: which of two {@code requestType}s was meant is a guess we should not make. */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Requests() {
    }

    /** The body as a JSON object. */
    static JsonNode jsonObject(ApiRequest request) throws ApiError {
        JsonNode body;
        try {
            body = request.body().length == 0 ? null : JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("Le corps de la requête n'est pas du JSON valide : " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array cannot fail", e);
        }
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("Le corps de la requête doit être un objet JSON.");
        }
        return body;
    }

    /** A text field of a JSON object, present and not blank. */
    static String text(JsonNode object, String field) throws ApiError {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw ApiError.badRequest("Le champ « " + field + " » (texte) est obligatoire.");
        }
        return value.textValue();
    }

    /** An integer query parameter in {@code [min, max]}, or the default when it is absent. */
    static int intParameter(ApiRequest request, String name, int defaultValue, int min, int max) throws ApiError {
        String text = request.parameter(name).orElse(null);
        if (text == null || text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, with the accepted range
        }
        throw ApiError.badRequest("Le paramètre « " + name + " » doit être un entier entre " + min + " et " + max
                + " (reçu : « " + text + " »).");
    }

    /** A text field that may be absent; present, it must be text and not blank. */
    static Optional<String> optionalText(JsonNode object, String field) throws ApiError {
        JsonNode value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw ApiError.badRequest("Le champ « " + field + " » doit être un texte non vide.");
        }
        return Optional.of(value.textValue());
    }

    /** A boolean field that may be absent. */
    static Optional<Boolean> optionalBoolean(JsonNode object, String field) throws ApiError {
        JsonNode value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ApiError.badRequest("Le champ « " + field + " » vaut true ou false.");
        }
        return Optional.of(value.booleanValue());
    }

    /** An integer field in {@code [min, max]} that may be absent. */
    static Optional<Integer> optionalInt(JsonNode object, String field, int min, int max) throws ApiError {
        JsonNode value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min
                || value.intValue() > max) {
            throw ApiError.badRequest("Le champ « " + field + " » doit être un entier entre " + min + " et " + max
                    + " (reçu : " + value + ").");
        }
        return Optional.of(value.intValue());
    }

    /** An array of non-blank texts that may be absent. */
    static Optional<List<String>> optionalTextList(JsonNode object, String field) throws ApiError {
        JsonNode value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw ApiError.badRequest("Le champ « " + field + " » doit être une liste de textes.");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual() || element.textValue().isBlank()) {
                throw ApiError.badRequest("Le champ « " + field + " » doit être une liste de textes non vides.");
            }
            texts.add(element.textValue());
        }
        return Optional.of(texts);
    }

    /** Refuses a field the endpoint does not know: a misspelt field silently ignored would change nothing. */
    static void onlyFields(JsonNode object, Set<String> known) throws ApiError {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!known.contains(field.getKey())) {
                throw ApiError.badRequest("Champ inconnu « " + field.getKey() + " » ; champs acceptés : "
                        + String.join(", ", known.stream().sorted().toList()) + ".");
            }
        }
    }

    /** An RNE as stored (upper-case), 400 when it is not one. */
    static String rne(String text) throws ApiError {
        try {
            return Site.normalizeRne(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("« " + text + " » n'est pas un code RNE (UAI) : sept chiffres puis une lettre, "
                    + "p. ex. 0310001A.");
        }
    }
}
