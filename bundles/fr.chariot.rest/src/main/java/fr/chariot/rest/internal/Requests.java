package fr.chariot.rest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

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
}
