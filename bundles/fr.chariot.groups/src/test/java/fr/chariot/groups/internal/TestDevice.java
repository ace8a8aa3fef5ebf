package fr.chariot.groups.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.chariot.groups.api.InventoryView;

/** An inventory view built by hand; values are wrapped once, as the inventory's real view should do. */
public final class TestDevice implements InventoryView {

    private final String udid;
    private final Map<String, Optional<Object>> values = new HashMap<>();
    private Set<String> apps = Set.of();

    public TestDevice(String udid) {
        this.udid = udid;
    }

    public TestDevice with(String field, Object value) {
        values.put(field, Optional.of(value));
        return this;
    }

    public TestDevice apps(String... bundleIds) {
        apps = Set.of(bundleIds);
        return this;
    }

    @Override
    public String udid() {
        return udid;
    }

    @Override
    public Optional<Object> value(String field) {
        return values.getOrDefault(field, Optional.empty());
    }

    @Override
    public Set<String> appIds() {
        return apps;
    }
}
