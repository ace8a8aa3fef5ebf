package fr.chariot.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;

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

    @Test
    void aStreamedBodyIsWrittenAsItIsWithItsOwnMediaType() throws IOException {
        Map<String, Object> written = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ApiResponse export = new ApiResponse(200, new ApiResponse.Streamed("text/csv; charset=UTF-8",
                out -> out.write("name\r\nÉcole\r\n".getBytes(StandardCharsets.UTF_8))),
                Map.of("Content-Disposition", "attachment; filename=\"inventaire-2026-09-04.csv\""));

        RestApiServlet.write(recording(written, body), export);

        assertEquals(200, written.get("setStatus"));
        assertEquals("text/csv; charset=UTF-8", written.get("setContentType"));
        assertEquals("attachment; filename=\"inventaire-2026-09-04.csv\"", written.get("Content-Disposition"));
        assertEquals("no-store", written.get("Cache-Control"));
        assertEquals("name\r\nÉcole\r\n", body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void otherBodiesAreJson() throws IOException {
        Map<String, Object> written = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();

        RestApiServlet.write(recording(written, body), ApiResponse.ok(Map.of("a", 1)));

        assertEquals("application/json", written.get("setContentType"));
        assertEquals("{\"a\":1}", body.toString(StandardCharsets.UTF_8));
    }

    /** A response that records its status, content type and headers, and keeps its body. */
    private static HttpServletResponse recording(Map<String, Object> written, ByteArrayOutputStream body) {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(RestApiServletTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getOutputStream" -> {
                            return out;
                        }
                        case "setHeader" -> written.put((String) args[0], args[1]);
                        case "setStatus", "setContentType" -> written.put(method.getName(), args[0]);
                        case "setCharacterEncoding" -> written.put(method.getName(), args[0]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
    }
}
