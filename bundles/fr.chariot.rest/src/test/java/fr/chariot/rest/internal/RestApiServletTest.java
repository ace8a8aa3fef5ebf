package fr.chariot.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RestApiServletTest {

    @Test
    void theQueryIsDecodedAndTheFirstValueWins() {
        assertEquals(Map.of("password", "a&b=c é", "site", "0310001A", "flag", ""),
                RestApiServlet.parseQuery("password=a%26b%3Dc+%C3%A9&site=0310001A&site=other&flag&"));
        assertEquals(Map.of(), RestApiServlet.parseQuery(null));
    }

    @Test
    void aMalformedEscapeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RestApiServlet.parseQuery("password=%zz"));
    }

    @Test
    void aBodyOverTheLimitIsNotRead() throws IOException {
        byte[] limit = new byte[RestApiServlet.MAX_BODY_BYTES];
        byte[] over = new byte[RestApiServlet.MAX_BODY_BYTES + 1];

        assertEquals(limit.length, RestApiServlet.readBody(new ByteArrayInputStream(limit)).orElseThrow().length);
        assertTrue(RestApiServlet.readBody(new ByteArrayInputStream(over)).isEmpty());
    }
}
