package fr.chariot.rest.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.accounts.api.Principal;
import fr.chariot.inventory.api.Inventory;
import fr.chariot.inventory.api.InventoryField;

/**
 * How the inventory works for a college ({@code /sites/{rne}/inventory-settings}: how often its devices are asked)
 * and for the caller ({@code /me/columns}: the columns of their general inventory).
 */
final class InventorySettingsResource {

    private final Colleges colleges;
    private final Inventory inventory;

    InventorySettingsResource(Colleges colleges, Inventory inventory) {
        this.colleges = colleges;
        this.inventory = inventory;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/sites/{rne}/inventory-settings", true, this::settings),
                new Route("PUT", "/sites/{rne}/inventory-settings", true, this::changeSettings),
                new Route("GET", "/me/columns", true, this::columns),
                new Route("PUT", "/me/columns", true, this::chooseColumns));
    }

    record SettingsBody(String site, int refreshHours, int maxRefreshHours, int staleDays, int maxStaleDays) {
    }

    record FieldBody(String name, String type, String description) {
        static FieldBody of(InventoryField field) {
            return new FieldBody(field.fieldName(), field.type().name(), field.description());
        }
    }

    /**
     * @param columns   the caller's columns, empty until chosen
     * @param available every field a column may show
     */
    record ColumnsBody(List<String> columns, List<FieldBody> available) {
    }

    private ApiResponse settings(Route.Call call) throws ApiError {
        String rne = colleges.visible(call.caller(), call.pathParameter("rne"));
        return ApiResponse.ok(settingsOf(rne));
    }

    /** A department admin or a technician of that college (who sees it); not a read-only account. */
    private ApiResponse changeSettings(Route.Call call) throws ApiError {
        Principal caller = call.caller();
        if (!caller.canAct()) {
            throw ApiError.forbidden("Un compte en lecture seule ne peut pas changer les réglages d'inventaire.");
        }
        JsonNode body = Requests.jsonObject(call.request());
        Requests.onlyFields(body, Set.of("refreshHours", "staleDays"));
        // Both read and range-checked before either is applied, so a bad second value changes nothing.
        Optional<Integer> hours = Requests.optionalInt(body, "refreshHours", 1, Inventory.MAX_REFRESH_HOURS);
        Optional<Integer> staleDays = Requests.optionalInt(body, "staleDays", 1, Inventory.MAX_STALE_DAYS);
        if (hours.isEmpty() && staleDays.isEmpty()) {
            throw ApiError.badRequest("Donnez « refreshHours » (entier de 1 à " + Inventory.MAX_REFRESH_HOURS
                    + ") ou « staleDays » (entier de 1 à " + Inventory.MAX_STALE_DAYS + ").");
        }
        String rne = colleges.visible(caller, call.pathParameter("rne"));
        try {
            hours.ifPresent(h -> inventory.changeRefreshHours(rne, h));
            staleDays.ifPresent(days -> inventory.changeStaleDays(rne, days));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Le réglage n'a pas été changé : " + e.getMessage());
        }
        return ApiResponse.ok(settingsOf(rne));
    }

    private SettingsBody settingsOf(String rne) {
        return new SettingsBody(rne, inventory.refreshHours(rne), Inventory.MAX_REFRESH_HOURS,
                inventory.staleDays(rne), Inventory.MAX_STALE_DAYS);
    }

    private ApiResponse columns(Route.Call call) {
        return ApiResponse.ok(columnsOf(call.caller()));
    }

    /** Open to read-only accounts too: the columns are the caller's own view, not the colleges' data. */
    private ApiResponse chooseColumns(Route.Call call) throws ApiError {
        JsonNode body = Requests.jsonObject(call.request());
        Requests.onlyFields(body, Set.of("columns"));
        List<String> names = Requests.optionalTextList(body, "columns").orElseThrow(() -> ApiError.badRequest(
                "Le champ « columns » (liste de champs d'inventaire) est obligatoire."));
        if (names.isEmpty()) {
            throw ApiError.badRequest("Choisissez au moins une colonne.");
        }
        List<InventoryField> columns = InventorySearch.columns(names);
        try {
            inventory.chooseColumns(call.caller().username(), columns);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Les colonnes n'ont pas été changées : " + e.getMessage());
        }
        return ApiResponse.ok(columnsOf(call.caller()));
    }

    private ColumnsBody columnsOf(Principal caller) {
        List<String> chosen = inventory.chosenColumns(caller.username()).orElse(List.of()).stream()
                .map(InventoryField::fieldName).toList();
        return new ColumnsBody(chosen,
                Arrays.stream(InventoryField.values()).map(FieldBody::of).toList());
    }
}
