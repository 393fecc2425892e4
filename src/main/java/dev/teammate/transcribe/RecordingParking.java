package dev.teammate.transcribe;

import dev.teammate.item.Item;
import dev.teammate.item.ItemExchange;
import dev.teammate.ledger.Ledger;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps recordings until transcription can take them: the recording itself stays in the done folder, and the ledger
 * lists it as WAITING with the reason, so {@code /api/items?status=WAITING} shows what is pending.
 */
public class RecordingParking {

    static final String REASON = "waiting for transcription: no transcription stage is installed yet";

    private static final Logger LOG = LoggerFactory.getLogger(RecordingParking.class);

    private final Ledger ledger;

    public RecordingParking(Ledger ledger) {
        this.ledger = ledger;
    }

    public void park(Exchange exchange) {
        Item item = exchange.getProperty(ItemExchange.ITEM, Item.class);
        ledger.recordWaiting(item, REASON);
        LOG.info("Parked recording {}: {}", item.id(), REASON);
    }
}
