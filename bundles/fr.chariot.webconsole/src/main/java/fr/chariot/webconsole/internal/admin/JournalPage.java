package fr.chariot.webconsole.internal.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.accounts.api.AuditEntry;
import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.AuditPage;
import fr.chariot.accounts.api.AuditQuery;
import fr.chariot.accounts.api.Principal;
import fr.chariot.api.Site;
import fr.chariot.api.SiteDirectory;
import fr.chariot.webconsole.api.ConsolePage;
import fr.chariot.webconsole.api.MenuEntry;
import fr.chariot.webconsole.api.MenuSection;
import fr.chariot.webconsole.api.PageRequest;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.View;

/**
 * « Journal »: who changed what, newest first, in the colleges the user sees ({@code audit?site=&page=}), and its
 * CSV export ({@code audit/export?site=}). Nothing is changed here: every POST is refused.
 */
@Component(service = ConsolePage.class)
public class JournalPage implements ConsolePage {

    static final String PATH = "audit";
    static final int PAGE_SIZE = 50;
    /** Objects listed in a row before « et N autres »: a group action may touch a whole cart. */
    static final int OBJECTS_SHOWN = 3;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    private final AuditLog audit;
    private final SiteDirectory directory;
    private final Clock clock;

    @Activate
    public JournalPage(@Reference(name = "audit") AuditLog audit, @Reference(name = "sites") SiteDirectory directory) {
        this(audit, directory, Clock.systemUTC());
    }

    /** @param clock dates the export's file name */
    JournalPage(AuditLog audit, SiteDirectory directory, Clock clock) {
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Optional<MenuEntry> menu() {
        return Optional.of(MenuEntry.of(MenuSection.PREFERENCES, "menu.audit", 60));
    }

    @Override
    public String messages() {
        return AdminSupport.MESSAGES;
    }

    @Override
    public PageResult handle(PageRequest request) {
        if (request.isPost()) {
            return PageResult.forbidden();
        }
        Principal principal = request.user().principal();
        List<Site> colleges = AdminSupport.visibleColleges(principal, directory);
        Optional<String> site = request.parameter("site");
        if (site.isPresent() && colleges.stream().noneMatch(college -> college.rne().equals(site.get()))) {
            return PageResult.notFound();
        }
        return switch (request.subPath()) {
            case "" -> journal(request, colleges, site);
            case "export" -> export(principal, site);
            default -> PageResult.notFound();
        };
    }

    /** The entries of one college, or all those the user may read. */
    private static AuditQuery query(Principal principal, Optional<String> site, int page, int size) {
        return site.map(rne -> new AuditQuery(Optional.of(Set.of(rne)), page, size))
                .orElseGet(() -> AuditQuery.visibleTo(principal, page, size));
    }

    private PageResult journal(PageRequest request, List<Site> colleges, Optional<String> site) {
        int page = page(request);
        Locale locale = request.user().locale();
        AuditPage entries = audit.entries(query(request.user().principal(), site, page - 1, PAGE_SIZE));
        long pages = Math.max(1, (entries.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        Map<String, String> names = colleges.stream().collect(Collectors.toMap(Site::rne, Site::name));
        String siteQuery = site.map(rne -> "&site=" + rne).orElse("");

        Map<String, Object> model = new HashMap<>();
        model.put("entries", entries.entries().stream().map(entry -> row(locale, names, entry)).toList());
        model.put("colleges", colleges.stream()
                .map(college -> new Choice(college.rne(), college.name() + " (" + college.rne() + ")",
                        site.filter(college.rne()::equals).isPresent()))
                .toList());
        model.put("total", entries.total());
        model.put("page", page);
        model.put("pages", pages);
        model.put("previous", page > 1 ? PATH + "?page=" + (page - 1) + siteQuery : "");
        model.put("next", page < pages ? PATH + "?page=" + (page + 1) + siteQuery : "");
        model.put("export", PATH + "/export" + site.map(rne -> "?site=" + rne).orElse(""));
        return new View(AdminSupport.TEMPLATES + "journal.peb", request.text("audit.title"), model);
    }

    /** The page asked for, from 1. */
    private static int page(PageRequest request) {
        Optional<String> typed = request.parameter("page");
        if (typed.isEmpty()) {
            return 1;
        }
        try {
            int page = Integer.parseInt(typed.get());
            if (page >= 1) {
                return page;
            }
        } catch (NumberFormatException e) {
            // Refused below like any other page number that is not a positive integer.
        }
        throw new IllegalArgumentException(request.text("audit.error.page", typed.get()));
    }

    /**
     * A journal line as the template shows it.
     *
     * @param at      when, Paris time
     * @param site    the college's name and RNE, or the department's label
     * @param action  the action's name when known, else its code
     * @param objects the first few objects, then how many more
     */
    public record Row(String at, String username, String from, String site, String action, String objects,
                      String details) {
    }

    private static Row row(Locale locale, Map<String, String> names, AuditEntry entry) {
        AuditEvent event = entry.event();
        String site = event.site().map(rne -> Optional.ofNullable(names.get(rne))
                .map(name -> name + " (" + rne + ")").orElse(rne))
                .orElseGet(() -> AdminSupport.text(locale, "audit.department"));
        String actionKey = "audit.action." + event.action();
        String action = AdminSupport.hasText(locale, actionKey) ? AdminSupport.text(locale, actionKey)
                : event.action();
        return new Row(WHEN.format(entry.at().atZone(PARIS)), event.username(), event.from(), site, action,
                objects(locale, event.objects()), event.details());
    }

    private static String objects(Locale locale, List<String> objects) {
        String shown = String.join(", ", objects.subList(0, Math.min(OBJECTS_SHOWN, objects.size())));
        int more = objects.size() - OBJECTS_SHOWN;
        return more <= 0 ? shown : AdminSupport.text(locale, "audit.objects.more", shown, more);
    }

    private PageResult export(Principal principal, Optional<String> site) {
        // The page is ignored by the export; the size only has to be valid.
        AuditQuery query = query(principal, site, 0, PAGE_SIZE);
        String fileName = "journal-" + LocalDate.now(clock.withZone(PARIS)) + ".csv";
        return new PageResult.Download(fileName, "text/csv; charset=UTF-8", out -> audit.exportCsv(query, out));
    }
}
