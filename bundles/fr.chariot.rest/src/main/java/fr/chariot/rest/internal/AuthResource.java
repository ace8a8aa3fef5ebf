package fr.chariot.rest.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.accounts.api.Accounts;
import fr.chariot.accounts.api.ApiToken;
import fr.chariot.accounts.api.Principal;

/** {@code POST /auth/token}: HTTP Basic credentials of a console user for a bearer token. */
final class AuthResource {

    private static final Logger LOG = LoggerFactory.getLogger(AuthResource.class);
    private static final String BASIC = "Basic ";
    private static final Map<String, String> ASK_FOR_BASIC =
            Map.of("WWW-Authenticate", "Basic realm=\"Chariot\", charset=\"UTF-8\"");
    /** RFC 6749 5.1: a response carrying a token must never be cached. */
    private static final Map<String, String> NO_CACHE = Map.of("Cache-Control", "no-store", "Pragma", "no-cache");

    private final Accounts accounts;

    AuthResource(Accounts accounts) {
        this.accounts = accounts;
    }

    List<Route> routes() {
        return List.of(new Route("POST", "/auth/token", false, this::token));
    }

    record TokenBody(String token, String expires) {
    }

    private ApiResponse token(Route.Call call) throws ApiError {
        char[] credentials = basicCredentials(call.request()).orElseThrow(() -> new ApiError(401, "unauthorized",
                "Envoyez l'identifiant et le mot de passe d'un compte Chariot en HTTP Basic "
                        + "(« Authorization: Basic … »).", ASK_FOR_BASIC));
        try {
            int colon = indexOf(credentials, ':');
            if (colon < 0) {
                throw wrongCredentials();
            }
            String username = new String(credentials, 0, colon);
            char[] password = Arrays.copyOfRange(credentials, colon + 1, credentials.length);
            Optional<Principal> principal;
            try {
                principal = accounts.checkPassword(username, password);
            } finally {
                Arrays.fill(password, '\0');
            }
            Principal user = principal.orElseThrow(AuthResource::wrongCredentials);
            ApiToken token = accounts.issueToken(user);
            LOG.info("API token issued to '{}', valid until {}", user.username(), token.expires());
            return new ApiResponse(200, new TokenBody(token.token(), token.expires().toString()), NO_CACHE);
        } finally {
            Arrays.fill(credentials, '\0');
        }
    }

    /** The same answer whether the name exists, the password is wrong or the account is locked. */
    private static ApiError wrongCredentials() {
        return new ApiError(401, "invalid_credentials", "Identifiant ou mot de passe incorrect. Après 5 échecs "
                + "de suite, le compte est bloqué 15 minutes.", ASK_FOR_BASIC);
    }

    /** {@code user:password} decoded from the header (UTF-8, RFC 7617), kept in a char array that can be wiped. */
    private static Optional<char[]> basicCredentials(ApiRequest request) {
        String header = request.authorization().orElse("");
        if (!header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(BASIC.length()).strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded));
            char[] credentials = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            return Optional.of(credentials);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    private static int indexOf(char[] chars, char wanted) {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
