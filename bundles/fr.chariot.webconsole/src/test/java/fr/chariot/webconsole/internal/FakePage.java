package fr.chariot.webconsole.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import fr.chariot.webconsole.api.ConsolePage;
import fr.chariot.webconsole.api.MenuEntry;
import fr.chariot.webconsole.api.PageRequest;
import fr.chariot.webconsole.api.PageResult;
import fr.chariot.webconsole.api.View;

/** A contributed page whose answer the test chooses; it keeps the requests it was handed. */
final class FakePage implements ConsolePage {

    static final String MESSAGES = "fr/chariot/webconsole/internal/test-page";
    static final String TEMPLATE = "fr/chariot/webconsole/internal/test-page.peb";

    private final String path;
    private final Optional<MenuEntry> menu;
    private volatile Function<PageRequest, PageResult> answer;
    final List<PageRequest> handled = new ArrayList<>();

    FakePage(String path, MenuEntry menu) {
        this(path, Optional.of(menu));
    }

    FakePage(String path, Optional<MenuEntry> menu) {
        this.path = path;
        this.menu = menu;
        this.answer = request -> new View(TEMPLATE, "Page " + path, Map.of("name", "iPad de test"));
    }

    FakePage answering(Function<PageRequest, PageResult> handler) {
        this.answer = handler;
        return this;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Optional<MenuEntry> menu() {
        return menu;
    }

    @Override
    public String messages() {
        return MESSAGES;
    }

    @Override
    public PageResult handle(PageRequest request) {
        handled.add(request);
        return answer.apply(request);
    }
}
