package dev.teammate.hub;

import dev.teammate.api.AskApi;
import dev.teammate.api.DraftApi;
import dev.teammate.ask.Asker;
import dev.teammate.draft.DraftTemplates;
import dev.teammate.draft.Drafter;
import dev.teammate.draft.Outbox;
import dev.teammate.llm.ModelTiers;
import dev.teammate.llm.PromptTemplates;
import dev.teammate.retrieve.Retriever;
import dev.teammate.schedule.SprintCalendar;
import dev.teammate.store.VectorStore;
import org.apache.camel.CamelContext;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

/**
 * Builds the beans of the stages that answer and draft from retrieved data, used by {@code routes/ask.yaml},
 * {@code routes/draft.yaml} and {@code routes/schedules.yaml}: {@code asker}, {@code askApi}, {@code drafter},
 * {@code draftApi} and {@code sprintCalendar}.
 */
final class DraftingWiring {

    private DraftingWiring() {
    }

    static void bind(CamelContext context, VectorStore store, ModelTiers tiers) {
        Path templatesDir = Path.of(HubSettings.text(context, "teammate.templates.dir")).toAbsolutePath();
        PromptTemplates prompts = new PromptTemplates(templatesDir);
        Retriever retriever = new Retriever(store, HubSettings.integer(context, "teammate.search.candidates"));
        double minSimilarity = Double.parseDouble(HubSettings.text(context, "teammate.ask.min-similarity"));

        context.getRegistry().bind("asker", new Asker(retriever, prompts, tiers,
                HubSettings.text(context, "teammate.ask.tier"), minSimilarity));
        context.getRegistry().bind("askApi", new AskApi(HubSettings.integer(context, "teammate.ask.sources")));

        DraftTemplates templates = new DraftTemplates(templatesDir.resolve("drafts"),
                HubSettings.text(context, "teammate.draft.tier"), minSimilarity);
        Outbox outbox = new Outbox(HubConfiguration.folder(context, "teammate.outbox.dir"));
        context.getRegistry().bind("drafter", new Drafter(templates, prompts, tiers, retriever, outbox,
                Clock.systemDefaultZone()));
        context.getRegistry().bind("draftApi", new DraftApi(templates));
        context.getRegistry().bind("sprintCalendar", new SprintCalendar(
                LocalDate.parse(HubSettings.text(context, "teammate.sprint.first-day")),
                HubSettings.integer(context, "teammate.sprint.length-days"), Clock.systemDefaultZone()));
    }
}
