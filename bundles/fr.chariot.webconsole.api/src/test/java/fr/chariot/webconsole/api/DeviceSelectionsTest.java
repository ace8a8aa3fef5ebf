package fr.chariot.webconsole.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.chariot.accounts.api.Principal;
import fr.chariot.accounts.api.Role;

class DeviceSelectionsTest {

    private static final ConsoleUser TECH_A = new ConsoleUser(new Principal("tech", Role.TECHNICIAN,
            Set.of("0310001A")), Locale.FRENCH, "192.0.2.1");

    /** Group 1 is of college A, group 2 of college B. */
    private static DeviceSelection groups(String label) {
        return new DeviceSelection() {
            @Override
            public String kind() {
                return "group";
            }

            @Override
            public Optional<Selected> select(ConsoleUser user, String id) {
                return switch (id) {
                    case "1" -> Optional.of(new Selected(label + " 1", "0310001A", Set.of("U1", "U2")));
                    case "2" -> Optional.of(new Selected(label + " 2", "0310002B", Set.of("U3")));
                    default -> Optional.empty();
                };
            }
        };
    }

    @Test
    void anInParameterNamesASetOfTheUsersColleges() {
        DeviceSelections selections = new DeviceSelections();
        selections.add(groups("Groupe"));

        assertEquals(Set.of("U1", "U2"), selections.resolve(TECH_A, "group:1").orElseThrow().udids());
        assertEquals(Optional.empty(), selections.resolve(TECH_A, "group:2"), "another college's set");
        assertEquals(Optional.empty(), selections.resolve(TECH_A, "group:9"), "an unknown set");
        assertEquals(Optional.empty(), selections.resolve(TECH_A, "profile:1"), "an unknown kind");
        assertEquals(Optional.empty(), selections.resolve(TECH_A, "group"), "no id");
        assertEquals(Optional.empty(), selections.resolve(TECH_A, ":1"), "no kind");
    }

    @Test
    void theFirstOfAKindServesUntilItLeavesThenTheNext() {
        DeviceSelections selections = new DeviceSelections();
        DeviceSelection first = groups("Premier");
        DeviceSelection second = groups("Second");
        selections.add(first);
        selections.add(second);
        assertEquals("Premier 1", selections.resolve(TECH_A, "group:1").orElseThrow().label());

        selections.remove(first);
        assertEquals("Second 1", selections.resolve(TECH_A, "group:1").orElseThrow().label());
        selections.remove(second);
        assertEquals(Optional.empty(), selections.resolve(TECH_A, "group:1"), "gone with their bundles");
    }
}
