package fr.chariot.webconsole.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console's stylesheet and script, read once from the bundle. Pages link them with their content's hash in
 * the query ({@code console.css?v=…}), so browsers may keep them a year: a new version has a new address. Asked
 * without that hash they are revalidated through their ETag.
 */
final class StaticFiles {

    private static final String BASE = "fr/chariot/webconsole/internal/static/";
    private static final String FOREVER = "public, max-age=31536000, immutable";

    record File(byte[] content, String contentType, String version) {
        String etag() {
            return "\"" + version + "\"";
        }
    }

    private final Map<String, File> files;

    StaticFiles() {
        files = Map.of("console.css", load("console.css", "text/css; charset=UTF-8"),
                "console.js", load("console.js", "text/javascript; charset=UTF-8"));
    }

    /** The versioned address of a file, for the layout. */
    String url(String name) {
        return ConsolePaths.ROOT + ConsolePaths.STATIC + "/" + name + "?v=" + files.get(name).version();
    }

    /** Answers a GET for a file; 404 for anything else. */
    void serve(String name, HttpServletRequest request, HttpServletResponse response) throws IOException {
        File file = files.get(name);
        if (file == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("ETag", file.etag());
        response.setHeader("Cache-Control", file.version().equals(request.getParameter("v")) ? FOREVER : "no-cache");
        if (file.etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(file.contentType());
        response.setContentLength(file.content().length);
        response.getOutputStream().write(file.content());
    }

    private static File load(String name, String contentType) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + BASE + name);
            }
            byte[] content = in.readAllBytes();
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            return new File(content, contentType, HexFormat.of().formatHex(hash, 0, 8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
