package fr.chariot.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;

class ConfiguredServerSettingsTest {

    @Test
    void keepsTheUrlWithoutTrailingSlash() {
        assertEquals(URI.create("https://mdm.college.fr"), ConfiguredServerSettings.parsePublicUrl("https://mdm.college.fr/"));
        assertEquals(URI.create("https://mdm.college.fr"), ConfiguredServerSettings.parsePublicUrl(" https://mdm.college.fr "));
        assertEquals(URI.create("http://10.0.0.5:8080/chariot"),
                ConfiguredServerSettings.parsePublicUrl("http://10.0.0.5:8080/chariot//"));
        assertEquals(URI.create("HTTPS://MDM.college.fr"), ConfiguredServerSettings.parsePublicUrl("HTTPS://MDM.college.fr"));
    }

    @Test
    void refusesWhatIsNotAnAbsoluteWebUrlWithAHost() {
        for (String bad : new String[] {"mdm.college.fr", "/mdm", "ftp://mdm.college.fr", "https://", "https:///x",
                "http:mdm.college.fr", "https://mdm college.fr", "https://mdm.college.fr/?a=b",
                "https://mdm.college.fr/#top", "https://bad_host.fr"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ConfiguredServerSettings.parsePublicUrl(bad), bad);
            assertTrue(e.getMessage().contains("fr.chariot.server"), e.getMessage());
            assertTrue(e.getMessage().contains("publicUrl"), e.getMessage());
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void refusesAMissingUrlOrVersion() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> new ConfiguredServerSettings(null, "0.1.0"));
        assertTrue(url.getMessage().contains("publicUrl"), url.getMessage());

        IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
                () -> new ConfiguredServerSettings("https://mdm.college.fr", " "));
        assertTrue(version.getMessage().contains("fr.chariot.server"), version.getMessage());
        assertTrue(version.getMessage().contains("version"), version.getMessage());
    }

    @Test
    void exposesTheConfiguredValues() {
        ConfiguredServerSettings settings = new ConfiguredServerSettings("https://mdm.college.fr/", "0.1.0");
        assertEquals(URI.create("https://mdm.college.fr"), settings.publicBaseUrl());
        assertEquals("0.1.0", settings.version());
    }
}
