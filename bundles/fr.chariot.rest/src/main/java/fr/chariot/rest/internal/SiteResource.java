package fr.chariot.rest.internal;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;
import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;

/** {@code /sites}: the colleges the caller sees; a department admin adds colleges. */
final class SiteResource {

    private final SiteDirectory sites;

    SiteResource(SiteDirectory sites) {
        this.sites = sites;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/sites", true, this::list),
                new Route("POST", "/sites", true, this::create));
    }

    record SiteBody(String rne, String name) {
        static SiteBody of(Site site) {
            return new SiteBody(site.rne(), site.name());
        }
    }

    private ApiResponse list(Route.Call call) {
        Principal caller = call.caller();
        return ApiResponse.ok(sites.list().stream().filter(site -> caller.canSee(site.rne())).map(SiteBody::of)
                .toList());
    }

    private ApiResponse create(Route.Call call) throws ApiError {
        if (call.caller().role() != Role.DEPARTMENT_ADMIN) {
            throw ApiError.forbidden("Seul un administrateur départemental peut ajouter un collège.");
        }
        JsonNode body = Requests.jsonObject(call.request());
        Site site;
        try {
            site = new Site(Requests.text(body, "rne"), Requests.text(body, "name"));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        if (sites.find(site.rne()).isPresent()) {
            throw duplicate(site);
        }
        try {
            return ApiResponse.of(201, SiteBody.of(sites.create(site)));
        } catch (IllegalArgumentException e) {
            // Created by someone else between the check and now.
            throw duplicate(site);
        }
    }

    private static ApiError duplicate(Site site) {
        return new ApiError(409, "conflict", "Le collège " + site.rne() + " existe déjà.");
    }
}
