package dev.teammate.store.lucene;
import dev.teammate.store.*;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;
// TEMPORARY STUB
public class LuceneVectorStore implements VectorStore {
    final Map<String, List<StoredChunk>> items = new ConcurrentHashMap<>();
    public static LuceneVectorStore open(Path p, int d) { return new LuceneVectorStore(); }
    public static LuceneVectorStore openReadOnly(Path p) { return new LuceneVectorStore(); }
    public int dimensions() { return 384; }
    public void replaceItem(String id, List<StoredChunk> c) { items.put(id, List.copyOf(c)); }
    public void removeItem(String id) { items.remove(id); }
    public List<String> chunkIds(String id) { return items.getOrDefault(id, List.of()).stream().map(StoredChunk::id).toList(); }
    public long count() { return items.values().stream().mapToLong(List::size).sum(); }
    public List<SearchHit> search(SearchRequest r) {
        List<SearchHit> hits = new ArrayList<>();
        for (List<StoredChunk> l : items.values()) for (StoredChunk c : l) { double d = 0; for (int i = 0; i < 384; i++) d += c.vector()[i] * r.vector()[i]; hits.add(new SearchHit(c.withoutVector(), d, null, null)); }
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        return hits.subList(0, Math.min(r.k(), hits.size()));
    }
    public void close() {}
}
