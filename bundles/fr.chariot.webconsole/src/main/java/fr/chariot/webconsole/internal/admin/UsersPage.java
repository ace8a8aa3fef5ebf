package fr.chariot.webconsole.internal.admin;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.accounts.api.AccountAdmin;
import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.Role;
import fr.chariot.accounts.api.UserAccount;
import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;
import fr.chariot.webconsole.api.ConsolePage;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.MenuEntry;
import fr.chariot.webconsole.api.MenuSection;
import fr.chariot.webconsole.api.PageRequest;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.View;

/**
 * « Comptes », for department administrators only: the accounts ({@code users}), a new account
 * ({@code users/new}) and one account ({@code users/{name}}: role and colleges, password reset, unlock, delete —
 * the last three posted to {@code users/{name}/password}, {@code …/unlock}, {@code …/delete}).
 */
@Component(service = ConsolePage.class)
public class UsersPage implements ConsolePage {

    static final String PATH = "users";
    /** {@code users/new} is the creation form, so no account may take that name. */
    private static final String NEW = "new";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter LOCK_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final AccountAdmin accounts;
    private final SiteDirectory directory;
    private final AuditLog audit;
    private final Clock clock;

    @Activate
    public UsersPage(@Reference(name = "accounts") AccountAdmin accounts,
            @Reference(name = "sites") SiteDirectory directory, @Reference(name = "audit") AuditLog audit) {
        this(accounts, directory, audit, Clock.systemUTC());
    }

    /** @param clock tells whether a lock is still on */
    UsersPage(AccountAdmin accounts, SiteDirectory directory, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Optional<MenuEntry> menu() {
        return Optional.of(new MenuEntry(MenuSection.PREFERENCES, "menu.users", 50, true));
    }

    @Override
    public String messages() {
        return AdminSupport.MESSAGES;
    }

    @Override
    public PageResult handle(PageRequest request) {
        // The shell serves admin-only pages to admins only; checked again so that no mistake there opens accounts.
        if (!AdminSupport.isAdmin(request.user().principal())) {
            return PageResult.notFound();
        }
        String sub = request.subPath();
        if (sub.isEmpty()) {
            return request.isPost() ? PageResult.notFound() : list(request);
        }
        if (sub.equals(NEW)) {
            return request.isPost() ? create(request)
                    : newForm(request, "", Role.TECHNICIAN, Set.of(), "");
        }
        String[] parts = sub.split("/", -1);
        if (parts.length > 2) {
            return PageResult.notFound();
        }
        Optional<UserAccount> account = accounts.find(parts[0]);
        if (account.isEmpty()) {
            return PageResult.notFound();
        }
        String action = parts.length == 2 ? parts[1] : "";
        if (!request.isPost()) {
            return action.isEmpty() ? show(request, account.get(), Map.of()) : PageResult.notFound();
        }
        try {
            return switch (action) {
                case "" -> update(request, account.get());
                case "password" -> resetPassword(request, account.get());
                case "unlock" -> unlock(request, account.get());
                case "delete" -> delete(request, account.get());
                default -> PageResult.notFound();
            };
        } catch (NoSuchElementException e) {
            // Deleted by another administrator meanwhile.
            return PageResult.notFound();
        }
    }

    private PageResult list(PageRequest request) {
        Locale locale = request.user().locale();
        List<AccountRow> rows = accounts.list().stream().map(account -> row(locale, account)).toList();
        return new View(AdminSupport.TEMPLATES + "users.peb", request.text("users.title"), Map.of("accounts", rows));
    }

    /**
     * An account as the templates show it.
     *
     * @param sites       the RNEs of its colleges, sorted; empty for a department admin, who sees them all
     * @param lockedUntil when the lock ends (Paris time), empty when not locked
     */
    public record AccountRow(String username, String role, boolean admin, List<String> sites, boolean locked,
                             String lockedUntil, boolean mustChangePassword) {
    }

    private AccountRow row(Locale locale, UserAccount account) {
        Optional<String> lock = account.lockedUntil().filter(clock.instant()::isBefore)
                .map(until -> LOCK_TIME.format(until.atZone(PARIS)));
        boolean admin = account.role() == Role.DEPARTMENT_ADMIN;
        return new AccountRow(account.username(), AdminSupport.roleLabel(locale, account.role()), admin,
                admin ? List.of() : account.sites().stream().sorted().toList(), lock.isPresent(), lock.orElse(""),
                account.mustChangePassword());
    }

    private PageResult newForm(PageRequest request, String username, Role role, Set<String> sites, String error) {
        return new View(AdminSupport.TEMPLATES + "user-new.peb", request.text("user.new.title"), Map.of(
                "username", username,
                "roles", roleChoices(request.user().locale(), role),
                "colleges", collegeChoices(sites),
                "error", error));
    }

    private PageResult create(PageRequest request) {
        String username = request.parameter("username").orElse("");
        Optional<Role> role = role(request);
        Set<String> sites = new LinkedHashSet<>(request.parameters("site"));
        Optional<String> problem = role.isEmpty() ? Optional.of(request.text("user.error.role"))
                : username.equalsIgnoreCase(NEW) ? Optional.of(request.text("user.error.reserved", NEW))
                : unknownCollege(request, sites).or(() -> passwordProblem(request));
        if (problem.isPresent()) {
            return newForm(request, username, role.orElse(Role.TECHNICIAN), sites, problem.get());
        }
        char[] password = request.parameter("password").orElse("").toCharArray();
        UserAccount account;
        try {
            account = accounts.create(username, role.get(), sitesOf(role.get(), sites), password);
        } catch (IllegalArgumentException e) {
            return newForm(request, username, role.get(), sites, e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
        record(request, "user.create", account, AdminSupport.auditDetails("audit.details.user",
                AdminSupport.roleLabel(Locale.FRENCH, account.role()), sitesText(account)));
        return PageResult.redirect(PATH + "/" + account.username(),
                request.text("user.created", account.username()));
    }

    private PageResult show(PageRequest request, UserAccount account, Map<String, String> errors) {
        Locale locale = request.user().locale();
        Map<String, Object> model = new HashMap<>();
        model.put("account", row(locale, account));
        model.put("roles", roleChoices(locale, account.role()));
        model.put("colleges", collegeChoices(account.sites()));
        model.put("canDelete", !isSelf(request, account));
        model.put("updateError", errors.getOrDefault("update", ""));
        model.put("passwordError", errors.getOrDefault("password", ""));
        model.put("error", errors.getOrDefault("other", ""));
        return new View(AdminSupport.TEMPLATES + "user.peb", request.text("user.title", account.username()), model);
    }

    private PageResult update(PageRequest request, UserAccount account) {
        Optional<Role> role = role(request);
        Set<String> sites = new LinkedHashSet<>(request.parameters("site"));
        Optional<String> problem = role.isEmpty() ? Optional.of(request.text("user.error.role"))
                : unknownCollege(request, sites);
        if (problem.isPresent()) {
            return show(request, account, Map.of("update", problem.get()));
        }
        UserAccount updated;
        try {
            updated = accounts.update(account.username(), role.get(), sitesOf(role.get(), sites));
        } catch (IllegalArgumentException e) {
            return show(request, account, Map.of("update", e.getMessage()));
        }
        record(request, "user.update", updated, AdminSupport.auditDetails("audit.details.user",
                AdminSupport.roleLabel(Locale.FRENCH, updated.role()), sitesText(updated)));
        return PageResult.redirect(PATH + "/" + updated.username(), request.text("user.updated"));
    }

    private PageResult resetPassword(PageRequest request, UserAccount account) {
        Optional<String> problem = passwordProblem(request);
        if (problem.isPresent()) {
            return show(request, account, Map.of("password", problem.get()));
        }
        char[] password = request.parameter("password").orElse("").toCharArray();
        try {
            accounts.resetPassword(account.username(), password);
        } catch (IllegalArgumentException e) {
            return show(request, account, Map.of("password", e.getMessage()));
        } finally {
            Arrays.fill(password, '\0');
        }
        record(request, "user.password.reset", account, AdminSupport.auditDetails("audit.details.password"));
        return PageResult.redirect(PATH + "/" + account.username(), request.text("user.password.done"));
    }

    private PageResult unlock(PageRequest request, UserAccount account) {
        try {
            accounts.unlock(account.username());
        } catch (IllegalArgumentException e) {
            return show(request, account, Map.of("other", e.getMessage()));
        }
        record(request, "user.unlock", account, AdminSupport.auditDetails("audit.details.unlock"));
        return PageResult.redirect(PATH + "/" + account.username(), request.text("user.unlocked"));
    }

    private PageResult delete(PageRequest request, UserAccount account) {
        if (isSelf(request, account)) {
            return show(request, account, Map.of("other", request.text("user.error.self")));
        }
        try {
            accounts.delete(account.username());
        } catch (IllegalArgumentException e) {
            return show(request, account, Map.of("other", e.getMessage()));
        }
        record(request, "user.delete", account, AdminSupport.auditDetails("audit.details.delete",
                AdminSupport.roleLabel(Locale.FRENCH, account.role())));
        return PageResult.redirect(PATH, request.text("user.deleted", account.username()));
    }

    private void record(PageRequest request, String action, UserAccount account, String details) {
        ConsoleUser user = request.user();
        audit.record(new AuditEvent(user.username(), user.from(), Optional.empty(), action,
                List.of(account.username()), details));
    }

    private static boolean isSelf(PageRequest request, UserAccount account) {
        return account.username().equalsIgnoreCase(request.user().username());
    }

    private static Optional<Role> role(PageRequest request) {
        return request.parameter("role").flatMap(value -> Arrays.stream(Role.values())
                .filter(role -> role.name().equals(value)).findFirst());
    }

    /** A department admin sees every college: the boxes ticked for them mean nothing and are not kept. */
    private static Set<String> sitesOf(Role role, Set<String> sites) {
        return role == Role.DEPARTMENT_ADMIN ? Set.of() : Set.copyOf(sites);
    }

    private Optional<String> unknownCollege(PageRequest request, Set<String> sites) {
        return sites.stream().filter(rne -> directory.find(rne).isEmpty()).findFirst()
                .map(rne -> request.text("user.error.college", rne));
    }

    /** The password and its confirmation, as typed twice by the administrator; the policy is the service's. */
    private static Optional<String> passwordProblem(PageRequest request) {
        String password = request.parameter("password").orElse("");
        if (password.isEmpty()) {
            return Optional.of(request.text("user.error.password.empty"));
        }
        if (!password.equals(request.parameter("confirmation").orElse(""))) {
            return Optional.of(request.text("user.error.password.confirmation"));
        }
        return Optional.empty();
    }

    private static String sitesText(UserAccount account) {
        return account.role() == Role.DEPARTMENT_ADMIN || account.sites().isEmpty()
                ? AdminSupport.auditDetails("audit.details.allColleges")
                : String.join(", ", account.sites().stream().sorted().toList());
    }

    private static List<Choice> roleChoices(Locale locale, Role selected) {
        return Arrays.stream(Role.values())
                .map(role -> new Choice(role.name(), AdminSupport.roleLabel(locale, role), role == selected))
                .toList();
    }

    private List<Choice> collegeChoices(Set<String> ticked) {
        return directory.list().stream().sorted(Comparator.comparing(Site::rne))
                .map(site -> new Choice(site.rne(), site.name() + " (" + site.rne() + ")",
                        ticked.contains(site.rne())))
                .toList();
    }
}
