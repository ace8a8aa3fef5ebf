package fr.chariot.webconsole.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.chariot.accounts.api.AccountAdmin;
import fr.chariot.accounts.api.Accounts;
import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.LoginResult;
import fr.chariot.accounts.api.Principal;
import fr.chariot.webconsole.api.ConsolePage;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DashboardCard;
import fr.chariot.webconsole.api.MenuEntry;
import fr.chariot.webconsole.api.MenuSection;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.Texts;
import fr.chariot.webconsole.api.View;
import fr.chariot.webconsole.internal.render.RenderContext;
import fr.chariot.webconsole.internal.render.TemplateRenderer;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The web console at {@code /console/*}: sessions, CSRF, login, the forced password change, the layout with its
 * menus, the dashboard and « Mon compte », around the {@link ConsolePage}s feature bundles register.
 *
 * <p>Order of checks for every request: method (GET or POST), static files (no session), then the session from
 * the cookie, the CSRF token of a POST (before anything reads or changes data), the login, the forced password
 * change, and last the page.
 */
@Component(service = Servlet.class, configurationPid = ConsoleConfig.PID)
@Designate(ocd = ConsoleConfig.class)
@HttpWhiteboardServletPattern("/console/*")
public class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);

    static final String COOKIE = "CHARIOT_SESSION";
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final String SHELL_MESSAGES = "fr/chariot/webconsole/internal/messages";
    private static final String TEMPLATES = "fr/chariot/webconsole/internal/";
    private static final MenuEntry ACCOUNT_MENU = MenuEntry.of(MenuSection.PREFERENCES, "account.menu", 10);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
    /** From this wait on, the account is told locked until a time rather than asked to wait seconds. */
    private static final Duration LOCK_THRESHOLD = Duration.ofSeconds(60);

    private final transient Accounts accounts;
    private final transient AccountAdmin accountAdmin;
    private final transient AuditLog audit;
    private final transient Clock clock;
    private final transient SessionStore sessions;
    private final transient PageRegistry pages;
    private final transient Set<DashboardCard> cards = ConcurrentHashMap.newKeySet();
    private final transient TemplateRenderer renderer = new TemplateRenderer();
    private final transient ClassLoader shellLoader = ConsoleServlet.class.getClassLoader();
    private final transient Texts shellTexts = new Texts(shellLoader, SHELL_MESSAGES);
    private final transient StaticFiles statics = new StaticFiles();

    @Activate
    public ConsoleServlet(ConsoleConfig config, @Reference(name = "accounts") Accounts accounts,
            @Reference(name = "accountAdmin") AccountAdmin accountAdmin, @Reference(name = "audit") AuditLog audit) {
        this(accounts, accountAdmin, audit, Clock.systemDefaultZone(), Duration.ofMinutes(config.sessionIdleMinutes()),
                Duration.ofHours(config.sessionMaxHours()));
    }

    /** @param clock also gives the zone in which a lock's end is told */
    ConsoleServlet(Accounts accounts, AccountAdmin accountAdmin, AuditLog audit, Clock clock, Duration idle,
            Duration max) {
        this.accounts = accounts;
        this.accountAdmin = accountAdmin;
        this.audit = audit;
        this.clock = clock;
        this.sessions = new SessionStore(clock, idle, max);
        this.pages = new PageRegistry(ConsolePaths.RESERVED, List.of(new PageRegistry.Listed(ConsolePaths.ACCOUNT,
                ACCOUNT_MENU, shellTexts)));
    }

    /** New session limits apply at once, without logging anyone out. */
    @Modified
    void modified(ConsoleConfig config) {
        sessions.limits(Duration.ofMinutes(config.sessionIdleMinutes()), Duration.ofHours(config.sessionMaxHours()));
    }

    @Reference(name = "pages", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removePage")
    void addPage(ConsolePage page) {
        pages.add(page);
    }

    void removePage(ConsolePage page) {
        if (pages.remove(page)) {
            // An updated bundle comes back with a new class loader; the old one's templates must not stay cached.
            renderer.forget(page.getClass().getClassLoader());
        }
    }

    @Reference(name = "cards", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeCard")
    void addCard(DashboardCard card) {
        cards.add(card);
    }

    void removeCard(DashboardCard card) {
        cards.remove(card);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        securityHeaders(response);
        String pathInfo = request.getPathInfo();
        if (pathInfo == null || pathInfo.isEmpty()) {
            seeOther(response, ConsolePaths.ROOT);
            return;
        }
        String path = pathInfo.substring(1);
        String method = request.getMethod();
        boolean post = "POST".equals(method);
        boolean get = "GET".equals(method);
        if (get && path.startsWith(ConsolePaths.STATIC + "/")) {
            statics.serve(path.substring(ConsolePaths.STATIC.length() + 1), request, response);
            return;
        }
        request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        Exchange exchange = new Exchange(request, response);
        try {
            if (!get && !post) {
                response.setHeader("Allow", "GET, POST");
                exchange.error(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "error.405.title",
                        exchange.text("error.405.text"));
            } else if (post && !csrfAccepted(exchange)) {
                exchange.error(HttpServletResponse.SC_FORBIDDEN, "error.403.title", exchange.text("error.csrf.text"));
            } else {
                route(exchange, path, post);
            }
        } catch (RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            exchange.internalError(e);
        }
    }

    private void route(Exchange exchange, String path, boolean post) throws IOException {
        int slash = path.indexOf('/');
        String first = slash < 0 ? path : path.substring(0, slash);
        String sub = slash < 0 ? "" : path.substring(slash + 1);
        if (sub.isEmpty() && first.equals(ConsolePaths.LOGIN)) {
            login(exchange, post);
        } else if (sub.isEmpty() && first.equals(ConsolePaths.LOGOUT)) {
            onlyPost(exchange, post, () -> logout(exchange));
        } else if (sub.isEmpty() && first.equals(ConsolePaths.LANGUAGE)) {
            onlyPost(exchange, post, () -> switchLanguage(exchange));
        } else {
            Optional<Session> logged = exchange.session.filter(Session::loggedIn);
            if (logged.isEmpty()) {
                toLogin(exchange);
            } else if (logged.get().mustChangePassword() && !path.equals(ConsolePaths.PASSWORD)) {
                seeOther(exchange.response, ConsolePaths.ROOT + ConsolePaths.PASSWORD);
            } else {
                page(exchange, logged.get(), first, sub, post);
            }
        }
    }

    private void page(Exchange exchange, Session session, String first, String sub, boolean post) throws IOException {
        Principal principal = session.principal().orElseThrow();
        exchange.current = first;
        if (first.isEmpty() && sub.isEmpty()) {
            exchange.answer(() -> dashboard(exchange), shellLoader, shellTexts);
        } else if (first.equals(ConsolePaths.PASSWORD) && sub.isEmpty()) {
            forcedPassword(exchange, session, post);
        } else if (first.equals(ConsolePaths.ACCOUNT) && sub.isEmpty()) {
            exchange.answer(() -> account(exchange, session, post), shellLoader, shellTexts);
        } else {
            Optional<PageRegistry.Registered> found = pages.find(first)
                    .filter(registered -> PageRegistry.allowed(registered.page(), principal));
            if (found.isEmpty()) {
                exchange.notFound();
                return;
            }
            PageRegistry.Registered registered = found.get();
            ConsoleRequest request = new ConsoleRequest(exchange.user(), exchange.request.getMethod(), sub,
                    exchange.request.getParameterMap(), registered.texts(), shellTexts);
            exchange.answer(() -> registered.page().handle(request), registered.page().getClass().getClassLoader(),
                    registered.texts());
        }
    }

    /** The menus a user sees; {@code current} is the first segment of the page shown. */
    PageRegistry.Menu menu(Principal principal, Locale locale, String current) {
        return pages.menu(principal, locale, current);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Login, logout, language, passwords

    private void login(Exchange exchange, boolean post) throws IOException {
        Optional<Session> current = exchange.session;
        if (!post) {
            if (current.filter(Session::loggedIn).isPresent()) {
                seeOther(exchange.response, ConsolePaths.ROOT);
                return;
            }
            exchange.shellPage(HttpServletResponse.SC_OK, "login.title", "login.peb", loginModel(exchange,
                    exchange.request.getParameter("next"), "", ""));
            return;
        }
        String username = Optional.ofNullable(exchange.request.getParameter("username")).map(String::strip)
                .orElse("");
        String next = exchange.request.getParameter("next");
        char[] password = Optional.ofNullable(exchange.request.getParameter("password")).orElse("").toCharArray();
        LoginResult result;
        try {
            result = username.isEmpty() || password.length == 0 ? new LoginResult.Refused(Optional.empty())
                    : accounts.login(username, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        if (result instanceof LoginResult.Success success) {
            // A CSRF check passed, so the visitor had a session: it is replaced, never promoted (session fixation).
            Session session = sessions.rotate(current.orElseThrow());
            session.logIn(success.principal(), language(success.language()), success.mustChangePassword());
            setCookie(exchange.request, exchange.response, session.id(), false);
            exchange.session = Optional.of(session);
            audit.record(new AuditEvent(success.principal().username(), exchange.request.getRemoteAddr(),
                    Optional.empty(), "user.login", List.of(success.principal().username()),
                    shellTexts.text(Locale.FRENCH, "audit.login")));
            String target = success.mustChangePassword() ? ConsolePaths.ROOT + ConsolePaths.PASSWORD
                    : ConsolePaths.afterLogin(next).orElse(ConsolePaths.ROOT);
            seeOther(exchange.response, target);
            return;
        }
        LoginResult.Refused refused = (LoginResult.Refused) result;
        LOG.info("Console login refused for \"{}\" from {}", username, exchange.request.getRemoteAddr());
        exchange.shellPage(HttpServletResponse.SC_OK, "login.title", "login.peb",
                loginModel(exchange, next, username, refusal(exchange, refused)));
    }

    private String refusal(Exchange exchange, LoginResult.Refused refused) {
        Instant now = clock.instant();
        Optional<Duration> wait = refused.retryAfter().map(until -> Duration.between(now, until))
                .filter(d -> !d.isNegative() && !d.isZero());
        if (wait.isEmpty()) {
            return exchange.text("login.refused");
        }
        if (wait.get().compareTo(LOCK_THRESHOLD) >= 0) {
            Instant until = refused.retryAfter().orElseThrow();
            return exchange.text("login.locked", LocalTime.ofInstant(until, clock.getZone()).format(HOUR));
        }
        long seconds = (wait.get().toMillis() + 999) / 1000;
        return exchange.text("login.throttled", seconds);
    }

    private static Map<String, Object> loginModel(Exchange exchange, String next, String username, String error) {
        return Map.of("next", ConsolePaths.afterLogin(next).orElse(""), "username", username, "error", error);
    }

    private void logout(Exchange exchange) throws IOException {
        String language = exchange.language();
        exchange.session.ifPresent(session -> sessions.remove(session.id()));
        // A fresh anonymous session carries the goodbye and the visitor's language to the login page.
        Session fresh = sessions.create();
        fresh.language(language);
        fresh.flash(shellTexts.text(Locale.forLanguageTag(language), "login.loggedOut"));
        setCookie(exchange.request, exchange.response, fresh.id(), false);
        seeOther(exchange.response, ConsolePaths.ROOT + ConsolePaths.LOGIN);
    }

    /** The language switch of the header: kept in the session, and in the account of a logged-in user. */
    private void switchLanguage(Exchange exchange) throws IOException {
        String chosen = exchange.request.getParameter("language");
        if (!"fr".equals(chosen) && !"en".equals(chosen)) {
            exchange.error(HttpServletResponse.SC_BAD_REQUEST, "error.400.title",
                    exchange.text("account.language.invalid"));
            return;
        }
        Session session = exchange.session.orElseThrow();
        if (session.loggedIn()) {
            saveLanguage(exchange, session, chosen);
        } else {
            session.language(chosen);
        }
        seeOther(exchange.response, ConsolePaths.inConsole(exchange.request.getParameter("back"))
                .orElse(ConsolePaths.ROOT));
    }

    private void saveLanguage(Exchange exchange, Session session, String chosen) {
        String username = session.principal().orElseThrow().username();
        accountAdmin.changeLanguage(username, chosen);
        session.language(chosen);
        audit.record(new AuditEvent(username, exchange.request.getRemoteAddr(), Optional.empty(), "user.language",
                List.of(username), shellTexts.text(Locale.FRENCH, "audit.language", chosen)));
    }

    private void forcedPassword(Exchange exchange, Session session, boolean post) throws IOException {
        if (!session.mustChangePassword()) {
            seeOther(exchange.response, ConsolePaths.ROOT + ConsolePaths.ACCOUNT);
            return;
        }
        String error = "";
        if (post) {
            Optional<String> refused = changePassword(exchange, session);
            if (refused.isEmpty()) {
                session.flash(exchange.text("password.changed"));
                seeOther(exchange.response, ConsolePaths.ROOT);
                return;
            }
            error = refused.get();
        }
        exchange.shellPage(HttpServletResponse.SC_OK, "password.title", "password.peb",
                Map.of("passwordError", error, "passwordAction", ConsolePaths.PASSWORD));
    }

    /** @return why the change was refused, for the person; empty when the password was changed */
    private Optional<String> changePassword(Exchange exchange, Session session) {
        char[] current = field(exchange, "current");
        char[] chosen = field(exchange, "new");
        char[] confirm = field(exchange, "confirm");
        try {
            if (current.length == 0 || chosen.length == 0 || confirm.length == 0) {
                return Optional.of(exchange.text("password.missing"));
            }
            if (!Arrays.equals(chosen, confirm)) {
                return Optional.of(exchange.text("password.mismatch"));
            }
            String username = session.principal().orElseThrow().username();
            try {
                accountAdmin.changePassword(username, current, chosen);
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
            session.passwordChanged();
            audit.record(new AuditEvent(username, exchange.request.getRemoteAddr(), Optional.empty(),
                    "user.password.change", List.of(username), shellTexts.text(Locale.FRENCH, "audit.password")));
            return Optional.empty();
        } finally {
            Arrays.fill(current, '\0');
            Arrays.fill(chosen, '\0');
            Arrays.fill(confirm, '\0');
        }
    }

    /** A password field as typed: never trimmed, a space may be part of it. */
    private static char[] field(Exchange exchange, String name) {
        return Optional.ofNullable(exchange.request.getParameter(name)).orElse("").toCharArray();
    }

    // ----------------------------------------------------------------------------------------------------------
    // The shell's pages

    private PageResult dashboard(Exchange exchange) {
        ConsoleUser user = exchange.user();
        List<SectionView> sections = cards.stream()
                .sorted(Comparator.comparingInt(DashboardCard::order)
                        .thenComparing(card -> card.getClass().getName()))
                .flatMap(card -> sectionsOf(card, user).stream())
                .map(SectionView::of)
                .toList();
        return new View(TEMPLATES + "dashboard.peb", exchange.text("dashboard.title"), Map.of("sections", sections));
    }

    private static List<fr.chariot.webconsole.api.Section> sectionsOf(DashboardCard card, ConsoleUser user) {
        try {
            return card.sections(user);
        } catch (RuntimeException e) {
            LOG.error("Dashboard card {} failed; the dashboard shows without it", card.getClass().getName(), e);
            return List.of();
        }
    }

    private PageResult account(Exchange exchange, Session session, boolean post) {
        String passwordError = "";
        if (post) {
            String form = Optional.ofNullable(exchange.request.getParameter("form")).orElse("");
            if (form.equals("language")) {
                String chosen = Optional.ofNullable(exchange.request.getParameter("language")).orElse("");
                if (!chosen.equals("fr") && !chosen.equals("en")) {
                    throw new IllegalArgumentException(exchange.text("account.language.invalid"));
                }
                saveLanguage(exchange, session, chosen);
                return PageResult.redirect(ConsolePaths.ACCOUNT, exchange.text("account.language.saved"));
            }
            Optional<String> refused = changePassword(exchange, session);
            if (refused.isEmpty()) {
                return PageResult.redirect(ConsolePaths.ACCOUNT, exchange.text("password.changed"));
            }
            passwordError = refused.get();
        }
        Principal principal = session.principal().orElseThrow();
        return new View(TEMPLATES + "account.peb", exchange.text("account.title"), Map.of(
                "signedAs", exchange.text("account.signedAs", principal.username(),
                        exchange.text("shell.role." + principal.role().name())),
                "passwordError", passwordError, "passwordAction", ConsolePaths.ACCOUNT));
    }

    // ----------------------------------------------------------------------------------------------------------
    // Plumbing

    private void toLogin(Exchange exchange) throws IOException {
        HttpServletRequest request = exchange.request;
        String asked = request.getRequestURI() + (request.getQueryString() == null ? ""
                : "?" + request.getQueryString());
        if (exchange.lostLogin) {
            Session fresh = sessions.create();
            fresh.language(exchange.language());
            fresh.flash(exchange.text("login.expired"));
            setCookie(request, exchange.response, fresh.id(), false);
        }
        String target = ConsolePaths.ROOT + ConsolePaths.LOGIN;
        if ("GET".equals(request.getMethod())) {
            Optional<String> next = ConsolePaths.afterLogin(asked);
            if (next.isPresent() && !next.get().equals(ConsolePaths.ROOT)) {
                target += "?next=" + URLEncoder.encode(next.get(), StandardCharsets.UTF_8);
            }
        }
        seeOther(exchange.response, target);
    }

    private interface Action {
        void run() throws IOException;
    }

    private static void onlyPost(Exchange exchange, boolean post, Action action) throws IOException {
        if (post) {
            action.run();
        } else {
            exchange.response.setHeader("Allow", "POST");
            exchange.error(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "error.405.title",
                    exchange.text("error.405.text"));
        }
    }

    private boolean csrfAccepted(Exchange exchange) {
        String sent = exchange.request.getHeader(CSRF_HEADER);
        if (sent == null) {
            sent = exchange.request.getParameter(CSRF_FIELD);
        }
        return exchange.session.isPresent() && csrfMatches(exchange.session.get().csrfToken(), sent);
    }

    /** Compared in constant time, so that timing tells nothing about the token. */
    static boolean csrfMatches(String expected, String sent) {
        return sent != null && !sent.isEmpty() && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }

    private static String language(String stored) {
        return "en".equals(stored) ? "en" : "fr";
    }

    /** Before a choice: French, unless the browser's Accept-Language puts English before French. */
    static String browserLanguage(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return "fr";
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return "fr";
        }
        for (Locale.LanguageRange range : ranges) {
            String language = range.getRange().split("-", 2)[0];
            if (range.getWeight() > 0 && (language.equals("en") || language.equals("fr"))) {
                return language;
            }
        }
        return "fr";
    }

    static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
    }

    private static void seeOther(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }

    /** Written by hand, so that SameSite and the other attributes are exactly these whatever the container. */
    private static void setCookie(HttpServletRequest request, HttpServletResponse response, String value,
            boolean expire) {
        response.addHeader("Set-Cookie", COOKIE + "=" + value + "; Path=/console; HttpOnly; SameSite=Lax"
                + (expire ? "; Max-Age=0" : "") + (request.isSecure() ? "; Secure" : ""));
    }

    /** One request: its session (made when a page needs a CSRF token), language and answer. */
    private final class Exchange {

        final HttpServletRequest request;
        final HttpServletResponse response;
        Optional<Session> session = Optional.empty();
        /** The cookie named a logged-in session that has ended, or one this server does not know (a restart). */
        final boolean lostLogin;
        /** The first segment of the page shown, marked in the menus. */
        String current = "-";

        Exchange(HttpServletRequest request, HttpServletResponse response) {
            this.request = request;
            this.response = response;
            boolean lost = false;
            for (Cookie cookie : Optional.ofNullable(request.getCookies()).orElse(new Cookie[0])) {
                if (!COOKIE.equals(cookie.getName()) || session.isPresent()) {
                    continue;
                }
                SessionStore.Lookup lookup = sessions.find(cookie.getValue());
                if (lookup instanceof SessionStore.Active active) {
                    session = Optional.of(active.session());
                } else {
                    lost |= lookup instanceof SessionStore.Unknown || ((SessionStore.Expired) lookup).loggedIn();
                }
            }
            this.lostLogin = session.isEmpty() && lost;
        }

        /** The session, made now for a visitor without one: every page with a form needs its CSRF token. */
        Session ensureSession() {
            if (session.isEmpty()) {
                Session fresh = sessions.create();
                setCookie(request, response, fresh.id(), false);
                session = Optional.of(fresh);
            }
            return session.get();
        }

        String language() {
            return session.flatMap(Session::language)
                    .orElseGet(() -> browserLanguage(request.getHeader("Accept-Language")));
        }

        Locale locale() {
            return Locale.forLanguageTag(language());
        }

        String text(String key, Object... arguments) {
            return shellTexts.text(locale(), key, arguments);
        }

        Optional<Principal> principal() {
            return session.flatMap(Session::principal);
        }

        ConsoleUser user() {
            return new ConsoleUser(principal().orElseThrow(), locale(), request.getRemoteAddr());
        }

        /** Lets a page answer, and turns what it answered (or threw) into the HTTP response. */
        void answer(Supplier<PageResult> handler, ClassLoader loader, Texts ownTexts) throws IOException {
            PageResult result;
            try {
                result = handler.get();
            } catch (IllegalArgumentException e) {
                error(HttpServletResponse.SC_BAD_REQUEST, "error.400.title", e.getMessage());
                return;
            }
            if (result instanceof View view) {
                RenderContext context = new RenderContext(principal().map(p -> user()).orElse(null), language(),
                        ownTexts, shellTexts, ensureSession().csrfToken());
                layout(HttpServletResponse.SC_OK, view.title(),
                        renderer.render(loader, view.template(), view.model(), context));
            } else if (result instanceof PageResult.Redirect redirect) {
                redirect.flash().ifPresent(message -> ensureSession().flash(message));
                seeOther(response, ConsolePaths.ROOT + redirect.path());
            } else if (result instanceof PageResult.Download download) {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType(download.contentType());
                response.setHeader("Content-Disposition", "attachment; filename=\"" + download.fileName() + "\"");
                download.body().writeTo(response.getOutputStream());
            } else if (result instanceof PageResult.Forbidden) {
                error(HttpServletResponse.SC_FORBIDDEN, "error.403.title", text("error.403.text"));
            } else {
                notFound();
            }
        }

        void notFound() throws IOException {
            error(HttpServletResponse.SC_NOT_FOUND, "error.404.title", text("error.404.text"));
        }

        void error(int status, String titleKey, String message) throws IOException {
            shellPage(status, titleKey, "error.peb", Map.of("heading", text(titleKey), "message", message,
                    "home", principal().isPresent()));
        }

        void internalError(RuntimeException e) throws IOException {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("Console {} {} failed (reference {})", request.getMethod(), request.getRequestURI(), reference,
                    e);
            response.reset();
            securityHeaders(response);
            response.setHeader("Cache-Control", "no-store");
            error(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "error.500.title", text("error.500.text", reference));
        }

        /** A page of the shell's own templates. */
        void shellPage(int status, String titleKey, String template, Map<String, Object> model) throws IOException {
            RenderContext context = new RenderContext(principal().map(p -> user()).orElse(null), language(),
                    shellTexts, shellTexts, ensureSession().csrfToken());
            layout(status, text(titleKey), renderer.render(shellLoader, TEMPLATES + template, model, context));
        }

        /** Wraps a page's fragment in the layout and sends it. */
        void layout(int status, String title, String content) throws IOException {
            Session visit = ensureSession();
            Optional<Principal> principal = visit.principal();
            boolean nav = principal.isPresent() && !visit.mustChangePassword();
            String lang = language();
            String other = lang.equals("fr") ? "en" : "fr";
            Map<String, Object> model = new HashMap<>();
            model.put("title", title);
            model.put("content", content);
            model.put("flash", visit.takeFlash().orElse(""));
            model.put("nav", nav);
            model.put("menu", nav ? menu(principal.get(), locale(), current)
                    : new PageRegistry.Menu(List.of(), List.of(), List.of()));
            model.put("dashboardCurrent", current.isEmpty());
            model.put("userName", principal.map(Principal::username).orElse(""));
            model.put("roleLabel", principal.map(p -> text("shell.role." + p.role().name())).orElse(""));
            model.put("back", request.getRequestURI() + (request.getQueryString() == null ? ""
                    : "?" + request.getQueryString()));
            model.put("otherLanguage", other);
            model.put("otherLanguageLabel", shellTexts.text(Locale.forLanguageTag(other), "language." + other));
            model.put("css", statics.url("console.css"));
            model.put("js", statics.url("console.js"));
            RenderContext context = new RenderContext(principal.map(p -> user()).orElse(null), lang, shellTexts,
                    shellTexts, visit.csrfToken());
            String html = renderer.render(shellLoader, TEMPLATES + "layout.peb", model, context);
            response.setStatus(status);
            response.setContentType("text/html; charset=UTF-8");
            response.getWriter().write(html);
        }
    }
}
