package fr.chariot.inventory.api;

import java.util.List;

/**
 * One page of the general inventory.
 *
 * @param total every device the query matches, over all pages
 * @param page  this page's number, from 0
 * @param size  the page size asked for
 * @param items this page's devices, in the query's order
 */
public record InventoryPage(long total, int page, int size, List<DeviceInventory> items) {

    public InventoryPage {
        items = List.copyOf(items);
    }
}
