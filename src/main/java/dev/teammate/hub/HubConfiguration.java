package dev.teammate.hub;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.teammate.api.ApiResponses;
import dev.teammate.api.HealthApi;
import dev.teammate.api.ItemsApi;
import dev.teammate.api.SearchApi;
import dev.teammate.api.SourcesApi;
import dev.teammate.chunk.Chunker;
import dev.teammate.embed.MiniLmEmbeddingModel;
import dev.teammate.embed.MiniLmTokenizer;
import dev.teammate.extract.TextExtractor;
import dev.teammate.index.IndexSteps;
import dev.teammate.intake.FailedFileRecorder;
import dev.teammate.intake.FileDropSteps;
import dev.teammate.ledger.JdbcLedger;
import dev.teammate.ledger.Ledger;
import dev.teammate.llm.ModelTiers;
import dev.teammate.source.SourceStatuses;
import dev.teammate.store.VectorStore;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the beans the routes in {@code routes/} call by name, from the settings in {@code application.properties}.
 * The routes hold the wiring and the choices; these beans do the work inside a step.
 *
 * <p>Beans: {@code ledger}, {@code store}, {@code minilm} (the embedding model used by the
 * {@code langchain4j-embeddings} endpoints), {@code embeddingPool} (threads embedding the chunks of an item in
 * parallel), {@code fileDrop}, {@code failedFiles}, {@code indexer}, {@code recordingQueue} and {@code transcription}
 * (see {@link TranscriptionWiring}), the chat model tiers (see {@link ModelWiring}), the summary stage's beans (see
 * {@link SummaryWiring}), the ask and draft stages' beans (see {@link DraftingWiring}), the tickets stage's beans for
 * Jira (see {@link TicketWiring}), {@code slackOut}, {@code slackMessages} and {@code slackOutbox} (posting to Slack,
 * see {@link SlackWiring}), {@code sources} (each synced source's status) and {@code sourcesApi}, {@code slackSync}
 * and {@code slackSyncPool} (reading Slack channels, see {@link SlackSyncWiring}), {@code searchApi},
 * {@code itemsApi}, {@code healthApi}, {@code apiResponses}.
 */
public class HubConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(HubConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        HubSettings settings = HubSettings.from(context);
        HubResources resources = new HubResources();
        context.addService(resources, true);

        Ledger ledger = resources.add(JdbcLedger.open(settings.ledgerUrl(), settings.ledgerUser(),
                settings.ledgerPassword()));
        VectorStore store = StoreWiring.open(context, settings, resources);
        MiniLmTokenizer tokenizer = resources.add(new MiniLmTokenizer());
        ExecutorService embeddingPool = resources.addExecutor(embeddingPool(settings.embeddingThreads()));
        EmbeddingModel model = embeddingModel(context, settings);

        TextExtractor extractor = new TextExtractor(settings.maxTextChars());
        Chunker chunker = new Chunker(tokenizer, settings.chunkTargetTokens(), settings.chunkMaxTokens(),
                settings.chunkOverlapTokens());
        IndexSteps indexer = new IndexSteps(chunker, store, ledger);

        Registry registry = context.getRegistry();
        registry.bind("ledger", ledger);
        registry.bind("store", store);
        registry.bind("minilm", model);
        registry.bind("embeddingPool", embeddingPool);
        registry.bind("fileDrop", new FileDropSteps(settings.doneDir(), extractor, ledger));
        FailedFileRecorder failedFiles = new FailedFileRecorder(settings.errorDir(), ledger);
        registry.bind("failedFiles", failedFiles);
        registry.bind("indexer", indexer);
        TranscriptionWiring.bind(context, resources, ledger, failedFiles);
        ModelTiers tiers = ModelWiring.bind(context);
        SummaryWiring.bind(context, ledger, tiers);
        DraftingWiring.bind(context, store, tiers);
        TicketWiring.bind(context, ledger);
        SlackWiring.bind(context, ledger);
        registry.bind("searchApi", new SearchApi(store, settings.searchDefaultK(), settings.searchMaxK(),
                settings.searchCandidates()));
        registry.bind("itemsApi", new ItemsApi(ledger, store, indexer));
        registry.bind("healthApi", new HealthApi(ledger, store));
        SourceStatuses sources = new SourceStatuses(ledger, Clock.systemUTC());
        registry.bind("sources", sources);
        DriveWiring.bind(context, resources, ledger, extractor, indexer, sources);
        registry.bind("sourcesApi", new SourcesApi(sources, ledger));
        SlackSyncWiring.bind(context, resources, ledger, sources);
        registry.bind("apiResponses", new ApiResponses());
        LOG.info("Hub data: inbox {}, store {}", settings.inboxDir(), settings.storeDir());
    }

    /** The model bound as {@code minilm}: one already in the registry (tests share one), else a new one. */
    private static EmbeddingModel embeddingModel(CamelContext context, HubSettings settings) {
        EmbeddingModel bound = context.getRegistry().lookupByNameAndType("minilm", EmbeddingModel.class);
        if (bound != null) {
            return bound;
        }
        long started = System.nanoTime();
        EmbeddingModel model = new MiniLmEmbeddingModel(null, settings.onnxThreadsPerCall());
        LOG.info("Loaded all-MiniLM-L6-v2 in {} ms ({} embedding threads, {} ONNX threads per call)",
                (System.nanoTime() - started) / 1_000_000, settings.embeddingThreads(), settings.onnxThreadsPerCall());
        return model;
    }

    private static ExecutorService embeddingPool(int threads) {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "embedding-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    static Path folder(CamelContext context, String key) {
        return Path.of(context.resolvePropertyPlaceholders("{{folder:{{" + key + "}}}}"));
    }
}
