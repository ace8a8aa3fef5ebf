package fr.chariot.groups.internal.console;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.groups.api.Groups;
import fr.chariot.webconsole.api.ConsoleUser;
import fr.chariot.webconsole.api.DeviceSelection;
import fr.chariot.webconsole.api.Texts;

/** {@code inventory?in=group:<id>}: the members of a group of a college the user sees. */
@Component(service = DeviceSelection.class)
public final class GroupSelection implements DeviceSelection {

    private final Groups groups;
    private final Texts texts = new Texts(getClass().getClassLoader(), GroupPages.MESSAGES);

    @Activate
    public GroupSelection(@Reference Groups groups) {
        this.groups = groups;
    }

    @Override
    public String kind() {
        return "group";
    }

    @Override
    public Optional<Selected> select(ConsoleUser user, String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return groups.find(number).filter(group -> user.principal().canSee(group.site()))
                .map(group -> new Selected(texts.text(user.locale(), "selection.label", group.name()), group.site(),
                        groups.members(group.site(), group.id())));
    }
}
