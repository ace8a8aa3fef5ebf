package fr.chariot.rest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import fr.chariot.accounts.api.Accounts;
import fr.chariot.accounts.api.Principal;

/**
 * Every {@code /api/v1} endpoint: finds the route, authenticates the caller and turns refusals into the error
 * shape of api.md. Plain Java, so the whole API is tested without a server.
 *
 * <p>Authentication comes before routing for everything but the public routes: an anonymous caller learns nothing,
 * not even which paths exist beyond those the OpenAPI document lists.
 */
final class RestApi {

    private static final String BEARER = "Bearer ";
    private static final Map<String, String> ASK_FOR_BEARER = Map.of("WWW-Authenticate", "Bearer realm=\"Chariot\"");

    private final Accounts accounts;
    private final ApiAudit audit;
    private final List<Route> routes;

    RestApi(Accounts accounts, ApiAudit audit, List<Route> routes) {
        this.accounts = accounts;
        this.audit = audit;
        this.routes = List.copyOf(routes);
    }

    /** The routes, in the order they are tried; what the OpenAPI document must describe. */
    List<Route> routes() {
        return routes;
    }

    ApiResponse handle(ApiRequest request) {
        String path = normalize(request.path());
        String method = request.method().toUpperCase(Locale.ROOT);
        try {
            Optional<ApiResponse> publicAnswer = answerPublic(method, path, request);
            if (publicAnswer.isPresent()) {
                return publicAnswer.get();
            }
            Principal caller = authenticate(request);
            List<Route> onPath = routesOn(path);
            for (Route route : onPath) {
                if (route.method().equals(method)) {
                    Map<String, String> parameters = route.match(path).orElseThrow();
                    ApiResponse answer = route.handler().handle(
                            new Route.Call(request, parameters, Optional.of(caller)));
                    audit.recordIfChange(caller, route, parameters, request, answer);
                    return answer;
                }
            }
            if (onPath.isEmpty()) {
                throw ApiError.notFound("Aucune ressource « /api/v1" + path + " » : voir /api/v1/openapi.json.");
            }
            String allowed = onPath.stream().map(Route::method).distinct().collect(Collectors.joining(", "));
            throw new ApiError(405, "method_not_allowed",
                    "La méthode " + method + " n'est pas acceptée ici ; méthodes possibles : " + allowed + ".",
                    Map.of("Allow", allowed));
        } catch (ApiError e) {
            return e.response();
        }
    }

    /**
     * The routes whose template matches the path, keeping only the most literal ones: {@code /devices/export} is
     * never taken for the device {@code export}, whatever the method, so that a wrong method there answers 405 and
     * not "no such device". Among equally literal templates the list order decides.
     */
    private List<Route> routesOn(String path) {
        List<Route> matching = new ArrayList<>();
        int mostLiteral = -1;
        for (Route route : routes) {
            if (route.match(path).isPresent()) {
                int literal = route.literalSegments();
                if (literal > mostLiteral) {
                    matching.clear();
                    mostLiteral = literal;
                }
                if (literal == mostLiteral) {
                    matching.add(route);
                }
            }
        }
        return matching;
    }

    private Optional<ApiResponse> answerPublic(String method, String path, ApiRequest request) throws ApiError {
        for (Route route : routes) {
            if (!route.authenticated() && route.method().equals(method)) {
                Optional<Map<String, String>> parameters = route.match(path);
                if (parameters.isPresent()) {
                    return Optional.of(route.handler().handle(
                            new Route.Call(request, parameters.get(), Optional.empty())));
                }
            }
        }
        return Optional.empty();
    }

    private Principal authenticate(ApiRequest request) throws ApiError {
        String header = request.authorization().orElse("");
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ApiError(401, "unauthorized", "Authentification requise : envoyez l'en-tête "
                    + "« Authorization: Bearer <jeton> » avec un jeton obtenu par POST /api/v1/auth/token.",
                    ASK_FOR_BEARER);
        }
        String token = header.substring(BEARER.length()).strip();
        return accounts.principalForToken(token).orElseThrow(() -> new ApiError(401, "unauthorized",
                "Jeton inconnu ou expiré : demandez-en un nouveau par POST /api/v1/auth/token.", ASK_FOR_BEARER));
    }

    /** {@code /sites/} is {@code /sites}; no path at all is the root. */
    private static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
