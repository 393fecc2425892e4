package dev.teammate.item;

/**
 * Names under which every stage of the pipeline finds the item an exchange is about, whichever source it came from.
 */
public final class ItemExchange {

    /** Exchange property holding the {@link Item} being processed. */
    public static final String ITEM = "teammateItem";
    /** Exchange property holding the item's extracted text once it is being indexed (an {@code ExtractedText}). */
    public static final String TEXT = "teammateText";
    /** Header holding the id of an item to remove. */
    public static final String ITEM_ID = "TeammateItemId";

    private ItemExchange() {
    }
}
