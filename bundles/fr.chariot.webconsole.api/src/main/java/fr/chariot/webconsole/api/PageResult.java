package fr.chariot.webconsole.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;

/** What a {@link ConsolePage} answers. */
public sealed interface PageResult permits View, PageResult.Redirect, PageResult.Download, PageResult.NotFound,
        PageResult.Forbidden {

    /**
     * Sends the browser elsewhere (after a POST, so that reloading does not repeat it).
     *
     * @param path  a path under {@code /console/} without the leading slash, e.g. {@code groups/12}; may carry a
     *              query string
     * @param flash a message shown once on the next page, already in the user's language
     */
    record Redirect(String path, Optional<String> flash) implements PageResult {
        public Redirect {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(flash, "flash");
            if (path.startsWith("/") || path.contains("//") || path.contains("\\")) {
                throw new IllegalArgumentException("a console path, without leading slash: " + path);
            }
        }
    }

    /**
     * A file to download.
     *
     * @param fileName    offered to the browser (ASCII letters, digits, '.', '-', '_')
     * @param contentType e.g. {@code text/csv; charset=UTF-8}
     * @param body        writes the content; called once, after every check has passed
     */
    record Download(String fileName, String contentType, Body body) implements PageResult {
        public Download {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            if (!fileName.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException("file name: " + fileName);
            }
        }
    }

    /** 404: the object does not exist, or belongs to a college the user does not see (they cannot tell which). */
    record NotFound() implements PageResult {
    }

    /** 403: the user sees the object but may not do this (a read-only account asking for a change). */
    record Forbidden() implements PageResult {
    }

    /** Streams a download's content. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    static PageResult redirect(String path) {
        return new Redirect(path, Optional.empty());
    }

    static PageResult redirect(String path, String flash) {
        return new Redirect(path, Optional.of(flash));
    }

    static PageResult notFound() {
        return new NotFound();
    }

    static PageResult forbidden() {
        return new Forbidden();
    }
}
