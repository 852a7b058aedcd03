import Foundation

/// Embeddings by content hash: a text seen before (the same lead syndicated by ten outlets, a sentence quoted
/// twice, a re-run) is embedded once. Texts are embedded in batches so that the engine keeps both cores busy.
public final class EmbeddingCache: @unchecked Sendable {
    // Sendable: `vectors` is only touched while holding `lock`; the embedder is itself thread-safe.
    public let embedder: E5Embedder
    private let lock = NSLock()
    private var vectors: [UInt64: [Float]] = [:]
    /// 32 texts per call: large enough to fill both cores, small enough for a smooth progress bar.
    public var batchSize = 32

    public init(embedder: E5Embedder) { self.embedder = embedder }

    /// One vector per text, in order; `progress` receives the number of texts done so far.
    public func embed(_ texts: [String], progress: (Int) -> Void = { _ in }) -> [[Float]] {
        let keys = texts.map { Shingles.hash($0) }
        lock.lock()
        var missing: [Int] = []
        var seen = Set<UInt64>()
        for (i, k) in keys.enumerated() where vectors[k] == nil && seen.insert(k).inserted { missing.append(i) }
        lock.unlock()
        var done = texts.count - missing.count
        progress(done)
        for start in stride(from: 0, to: missing.count, by: batchSize) {
            let batch = Array(missing[start..<min(start + batchSize, missing.count)])
            let out = embedder.embed(batch.map { texts[$0] })
            lock.lock()
            for (i, v) in zip(batch, out) { vectors[keys[i]] = v }
            lock.unlock()
            done += batch.count
            progress(done)
        }
        lock.lock()
        defer { lock.unlock() }
        return keys.map { vectors[$0] ?? [] }
    }
}

/// The mean embedding of generic news, which `EmbeddingSpace` subtracts before comparing articles: 300 short
/// passages on every kind of topic in 13 languages, written for Parallax (Resources/embeddings/background.txt).
/// Computed once per model and background file and kept in the data directory.
public enum BackgroundMean {
    /// The background space, from the cache file or computed (about half a minute) and cached.
    public static func space(cache: EmbeddingCache, dataDirectory: URL?) -> EmbeddingSpace? {
        guard let url = Bundle.module.url(forResource: "embeddings/background", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        let passages = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        let file = dataDirectory?.appendingPathComponent("cache/e5-background-\(String(Shingles.hash(text), radix: 16)).json")
        if let file, let data = try? Data(contentsOf: file),
           let space = try? JSONDecoder().decode(EmbeddingSpace.self, from: data), space.mean.count == cache.embedder.dimension {
            return space
        }
        var space = EmbeddingSpace(dimension: cache.embedder.dimension)
        space.observe(cache.embed(passages))
        if let file {
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? JSONEncoder().encode(space).write(to: file)
        }
        return space
    }
}
