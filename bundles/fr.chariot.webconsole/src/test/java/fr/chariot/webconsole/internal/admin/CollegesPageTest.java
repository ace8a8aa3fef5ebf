package fr.chariot.webconsole.internal.admin;

import static fr.chariot.webconsole.internal.render.TemplateChecks.english;
import static fr.chariot.webconsole.internal.render.TemplateChecks.get;
import static fr.chariot.webconsole.internal.render.TemplateChecks.post;
import static fr.chariot.webconsole.internal.render.TemplateChecks.render;
import static fr.chariot.webconsole.internal.render.TemplateChecks.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import fr.chariot.accounts.api.AuditEvent;
import fr.chariot.accounts.api.Role;
import fr.chariot.api.Site;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.View;

class CollegesPageTest {

    private static final String ENROLL_A = "https://mdm.example.fr/mdm/enroll/0310001A";

    private final Fakes.Sites sites = new Fakes.Sites(new Site("0310001A", "Collège Jean Jaurès"),
            new Site("0310002B", "Collège <script>alert(1)</script>"));
    private final Fakes.Audit audit = new Fakes.Audit();
    private final CollegesPage page = new CollegesPage(sites, new Fakes.Settings(), audit);

    private final ConsoleUser admin = user(Role.DEPARTMENT_ADMIN);
    private final ConsoleUser technicianOfA = user(Role.TECHNICIAN, "0310001A");
    private final ConsoleUser readerOfA = user(Role.READ_ONLY, "0310001A");

    private View view(ConsoleUser user, String subPath, String... parameters) {
        return assertInstanceOf(View.class, page.handle(get(page, user, subPath, parameters)));
    }

    @Test
    void anAdminListsEveryCollegeAndMayAddOne() {
        String html = render(page, view(admin, ""), admin);

        assertTrue(html.contains(">Collège Jean Jaurès</a>"), html);
        assertTrue(html.contains("href=\"/console/colleges/0310002B\""), html);
        assertTrue(html.contains("Collège &lt;script&gt;alert(1)&lt;/script&gt;"), "names come out escaped: " + html);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("href=\"/console/colleges/new\""), html);
    }

    @Test
    void aTechnicianListsOnlyTheirCollegesAndCannotAddOne() {
        String html = render(page, view(technicianOfA, ""), technicianOfA);

        assertTrue(html.contains("Collège Jean Jaurès"), html);
        assertFalse(html.contains("0310002B"), html);
        assertFalse(html.contains("colleges/new"), html);
        assertInstanceOf(PageResult.Forbidden.class, page.handle(get(page, technicianOfA, "new")));
        assertInstanceOf(PageResult.Forbidden.class,
                page.handle(post(page, technicianOfA, "new", "rne", "0310003C", "name", "Collège X")));
        assertEquals(2, sites.list().size());
        assertTrue(audit.recorded.isEmpty());
    }

    @Test
    void anotherCollegeIsNotFound() {
        for (String subPath : List.of("0310002B", "0310002b", "0310002B/qr.svg", "9999999Z", "not-an-rne",
                "0310001A/other")) {
            assertInstanceOf(PageResult.NotFound.class, page.handle(get(page, technicianOfA, subPath)), subPath);
        }
    }

    @Test
    void readOnlyUsersSeeTheirCollegesButPostNothing() {
        String html = render(page, view(readerOfA, "0310001A"), readerOfA);
        assertTrue(html.contains(ENROLL_A), html);
        assertInstanceOf(PageResult.Forbidden.class,
                page.handle(post(page, readerOfA, "new", "rne", "0310003C", "name", "Collège X")));
        assertEquals(2, sites.list().size());
    }

    @Test
    void aCollegePageShowsTheEnrollmentLinkItsQrCodeAndWhatToDo() {
        String html = render(page, view(technicianOfA, "0310001A"), technicianOfA);

        assertTrue(html.contains("<a href=\"" + ENROLL_A + "\">" + ENROLL_A + "</a>"), html);
        assertTrue(html.contains("<img src=\"/console/colleges/0310001A/qr.svg\""
                + " alt=\"QR code du lien d’enrôlement de Collège Jean Jaurès\""), html);
        assertTrue(html.contains("ouvrez ce lien dans Safari"), html);
        assertTrue(html.contains("0310001A"), html);
    }

    @Test
    void theQrCodeDecodesBackToTheEnrollmentLink() throws Exception {
        PageResult.Download download = assertInstanceOf(PageResult.Download.class,
                page.handle(get(page, technicianOfA, "0310001A/qr.svg")));
        assertEquals("image/svg+xml", download.contentType());
        assertEquals("qr-0310001A.svg", download.fileName());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        download.body().writeTo(out);
        String svg = out.toString(StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<?xml") && svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);

        assertEquals(ENROLL_A, decode(svg));
    }

    /** Paints the SVG's runs at four pixels per module and reads the picture as a phone would. */
    private static String decode(String svg) throws Exception {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertTrue(box.find(), svg);
        int scale = 4;
        int width = Integer.parseInt(box.group(1)) * scale;
        int height = Integer.parseInt(box.group(2)) * scale;
        int[] pixels = new int[width * height];
        Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\3z").matcher(svg);
        int runs = 0;
        while (run.find()) {
            runs++;
            int x0 = Integer.parseInt(run.group(1)) * scale;
            int y0 = Integer.parseInt(run.group(2)) * scale;
            int length = Integer.parseInt(run.group(3)) * scale;
            for (int y = y0; y < y0 + scale; y++) {
                Arrays.fill(pixels, y * width + x0, y * width + x0 + length, 0xFF000000);
            }
        }
        assertTrue(runs > 0, svg);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    @Test
    void anAdminAddsACollegeWhichIsAudited() {
        PageResult result = page.handle(
                post(page, admin, "new", "rne", " 0310003c ", "name", "  Collège Victor Hugo "));

        assertEquals(new PageResult.Redirect("colleges/0310003C",
                Optional.of("Établissement « Collège Victor Hugo » créé.")), result);
        assertEquals(Optional.of(new Site("0310003C", "Collège Victor Hugo")), sites.find("0310003C"));
        assertEquals(List.of(new AuditEvent(admin.username(), admin.from(), Optional.of("0310003C"),
                "college.create", List.of("0310003C"), "Établissement « Collège Victor Hugo »")), audit.recorded);
    }

    @Test
    void badInputShowsTheFormAgainWithTheMessageAndChangesNothing() {
        assertFormError(admin, "031000A", "Collège X", "« 031000A » n’est pas un code RNE (UAI)");
        assertFormError(admin, "", "Collège X", "Le code RNE est obligatoire.");
        assertFormError(admin, "0310003C", "", "Le nom de l’établissement est obligatoire.");
        assertFormError(admin, "0310003C", "x".repeat(201),
                "Le nom de l’établissement ne peut pas dépasser 200 caractères.");
        assertFormError(admin, "0310001a", "Autre nom", "L’établissement 0310001A existe déjà.");
        assertFormError(english(admin), "0310001A", "Other", "College 0310001A already exists.");
        assertEquals(2, sites.list().size());
        assertTrue(audit.recorded.isEmpty());
    }

    @Test
    void aNameTypedIntoTheFormComesBackEscaped() {
        View form = assertInstanceOf(View.class,
                page.handle(post(page, admin, "new", "rne", "bad", "name", "\"><script>x</script>")));
        String html = render(page, form, admin);
        assertTrue(html.contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""), html);
        assertFalse(html.contains("<script>"), html);
    }

    private void assertFormError(ConsoleUser user, String rne, String name, String message) {
        View form = assertInstanceOf(View.class, page.handle(post(page, user, "new", "rne", rne, "name", name)));
        String html = render(page, form, user);
        assertTrue(html.contains("class=\"error\">" + message), message + " in " + html);
    }

    @Test
    void everyViewRendersInEnglish() {
        ConsoleUser english = english(admin);
        assertTrue(render(page, view(english, ""), english).contains("New college"));
        assertTrue(render(page, view(english, "new"), english).contains("Seven digits followed by a letter"));
        assertTrue(render(page, view(english, "0310001A"), english).contains("Enrollment link"));
    }
}
