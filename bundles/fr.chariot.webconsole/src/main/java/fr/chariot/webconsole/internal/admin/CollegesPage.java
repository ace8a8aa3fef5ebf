package fr.chariot.webconsole.internal.admin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.AuditLog;
import fr.chariot.accounts.api.Principal;
import fr.chariot.api.ServerSettings;
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
 * « Établissements »: the colleges the user sees ({@code colleges}), a college's enrollment link and its QR code
 * ({@code colleges/{rne}}, {@code colleges/{rne}/qr.svg}), and for a department admin the form that adds a college
 * ({@code colleges/new}).
 */
@Component(service = ConsolePage.class)
public class CollegesPage implements ConsolePage {

    static final String PATH = "colleges";
    private static final String NEW = "new";
    private static final String QR_SUFFIX = "/qr.svg";

    private final SiteDirectory directory;
    private final ServerSettings settings;
    private final AuditLog audit;

    @Activate
    public CollegesPage(@Reference(name = "sites") SiteDirectory directory,
            @Reference(name = "settings") ServerSettings settings, @Reference(name = "audit") AuditLog audit) {
        this.directory = directory;
        this.settings = settings;
        this.audit = audit;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Optional<MenuEntry> menu() {
        return Optional.of(MenuEntry.of(MenuSection.PREFERENCES, "menu.colleges", 40));
    }

    @Override
    public String messages() {
        return AdminSupport.MESSAGES;
    }

    @Override
    public PageResult handle(PageRequest request) {
        Principal principal = request.user().principal();
        if (request.isPost() && !principal.canAct()) {
            return PageResult.forbidden();
        }
        String sub = request.subPath();
        if (sub.isEmpty()) {
            return request.isPost() ? PageResult.notFound() : list(request);
        }
        if (sub.equals(NEW)) {
            if (!AdminSupport.isAdmin(principal)) {
                return PageResult.forbidden();
            }
            return request.isPost() ? create(request) : form(request, "", "", Map.of());
        }
        if (request.isPost()) {
            return PageResult.notFound();
        }
        if (sub.endsWith(QR_SUFFIX)) {
            return visible(principal, sub.substring(0, sub.length() - QR_SUFFIX.length()))
                    .<PageResult>map(this::qrCode).orElse(PageResult.notFound());
        }
        return visible(principal, sub).<PageResult>map(site -> college(request, site)).orElse(PageResult.notFound());
    }

    /** The college of an RNE typed in a URL, only when the user sees it. */
    private Optional<Site> visible(Principal principal, String rne) {
        String normalized;
        try {
            normalized = Site.normalizeRne(rne);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return principal.canSee(normalized) ? directory.find(normalized) : Optional.empty();
    }

    private PageResult list(PageRequest request) {
        Principal principal = request.user().principal();
        return new View(AdminSupport.TEMPLATES + "colleges.peb", request.text("colleges.title"), Map.of(
                "colleges", AdminSupport.visibleColleges(principal, directory),
                "canCreate", AdminSupport.isAdmin(principal)));
    }

    private PageResult college(PageRequest request, Site site) {
        return new View(AdminSupport.TEMPLATES + "college.peb", site.name(), Map.of(
                "site", site,
                "enrollmentUrl", enrollmentUrl(site),
                "qrPath", PATH + "/" + site.rne() + QR_SUFFIX));
    }

    /** The link an iPad opens in Safari to download the college's enrollment profile (served by the protocol). */
    private String enrollmentUrl(Site site) {
        return settings.publicBaseUrl() + "/mdm/enroll/" + site.rne();
    }

    private PageResult qrCode(Site site) {
        byte[] svg = EnrollmentQr.svg(enrollmentUrl(site)).getBytes(StandardCharsets.UTF_8);
        return new PageResult.Download("qr-" + site.rne() + ".svg", "image/svg+xml", out -> out.write(svg));
    }

    private PageResult create(PageRequest request) {
        String typedRne = request.parameter("rne").orElse("");
        String typedName = request.parameter("name").orElse("");
        ConsoleUser user = request.user();
        String rne = null;
        Map<String, String> errors = new LinkedHashMap<>();
        if (typedRne.isEmpty()) {
            errors.put("rne", request.text("college.error.rne.empty"));
        } else {
            try {
                rne = Site.normalizeRne(typedRne);
            } catch (IllegalArgumentException e) {
                errors.put("rne", request.text("college.error.rne", typedRne));
            }
        }
        if (typedName.isEmpty()) {
            errors.put("name", request.text("college.error.name.empty"));
        }
        if (!errors.isEmpty()) {
            return form(request, typedRne, typedName, errors);
        }
        Site site;
        try {
            site = new Site(rne, typedName);
        } catch (IllegalArgumentException e) {
            // The RNE and the emptiness were checked above: only the name's length is left to refuse.
            return form(request, typedRne, typedName, Map.of("name", request.text("college.error.name.long")));
        }
        if (directory.find(site.rne()).isPresent()) {
            return form(request, typedRne, typedName, duplicate(request, site));
        }
        try {
            site = directory.create(site);
        } catch (IllegalArgumentException e) {
            // Added by someone else between the check and now.
            return form(request, typedRne, typedName, duplicate(request, site));
        }
        audit.record(new AuditEvent(user.username(), user.from(), Optional.of(site.rne()), "college.create",
                List.of(site.rne()), AdminSupport.auditDetails("audit.details.college.create", site.name())));
        return PageResult.redirect(PATH + "/" + site.rne(), request.text("college.created", site.name()));
    }

    private static Map<String, String> duplicate(PageRequest request, Site site) {
        return Map.of("rne", request.text("college.error.duplicate", site.rne()));
    }

    private static PageResult form(PageRequest request, String rne, String name, Map<String, String> errors) {
        return new View(AdminSupport.TEMPLATES + "college-new.peb", request.text("college.new.title"), Map.of(
                "rne", rne,
                "name", name,
                "rneError", errors.getOrDefault("rne", ""),
                "nameError", errors.getOrDefault("name", "")));
    }
}
