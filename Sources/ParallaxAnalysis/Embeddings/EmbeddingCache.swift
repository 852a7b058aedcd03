import Foundation

/// Embeddings by content hash: a text seen before (the same lead syndicated by ten outlets, a sentence quoted
/// twice, a re-run on the same folder) is embedded once. With a `VectorFile`, vectors persist between runs,
/// appended after every batch. Texts are embedded in batches so that the engine keeps both cores busy.
public final class EmbeddingCache: @unchecked Sendable {
    // Sendable: `vectors` and `pending` are only touched while holding `lock`; the embedder is thread-safe.
    public let embedder: E5Embedder
    private let lock = NSLock()
    private var vectors: [UInt64: [Float]] = [:]
    private var pending: [(UInt64, [Float])] = []
    private let file: VectorFile?
    /// What loading the file found wrong (a damaged tail), for the user to hear once.
    public let warning: String?
    /// 32 texts per call: large enough to fill both cores, small enough for a smooth progress bar.
    public var batchSize = 32

    public init(embedder: E5Embedder, file: URL? = nil) {
        self.embedder = embedder
        self.file = file.map { VectorFile(url: $0, dimension: embedder.dimension) }
        let loaded = self.file?.load()
        vectors = loaded?.vectors ?? [:]
        warning = loaded?.warning
    }

    /// Appends the vectors made since the last save to the file.
    private func save() {
        lock.lock()
        let records = pending
        pending = []
        lock.unlock()
        file?.append(records)
    }

    /// The key a text's vector is kept under (a hash of the text).
    public static func key(_ text: String) -> UInt64 { Shingles.hash(text) }

    /// Takes in vectors kept elsewhere (a store), so that their texts are not embedded again.
    public func preload(_ records: [UInt64: [Float]]) {
        lock.lock()
        defer { lock.unlock() }
        for (k, v) in records where v.count == embedder.dimension { vectors[k] = v }
    }

    /// The vectors held for these keys.
    public func held(_ keys: [UInt64]) -> [(UInt64, [Float])] {
        lock.lock()
        defer { lock.unlock() }
        return keys.compactMap { k in vectors[k].map { (k, $0) } }
    }

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
            for (i, v) in zip(batch, out) where v.count == embedder.dimension {
                vectors[keys[i]] = v
                pending.append((keys[i], v))
            }
            lock.unlock()
            save()  // as it goes: a run killed later keeps what it embedded
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
    public static func space(cache: EmbeddingCache, cacheDirectory: URL? = VectorFile.cacheDirectory()) -> EmbeddingSpace? {
        guard let url = Bundle.module.url(forResource: "embeddings/background", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        let passages = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        let file = cacheDirectory?.appendingPathComponent("e5-background-\(String(Shingles.hash(text), radix: 16)).json")
        if let file, let data = try? Data(contentsOf: file),
           let space = try? JSONDecoder().decode(EmbeddingSpace.self, from: data), space.mean.count == cache.embedder.dimension {
            return space
        }
        var space = EmbeddingSpace(dimension: cache.embedder.dimension)
        space.observe(cache.embed(passages).filter { !$0.isEmpty })
        if let file {
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? JSONEncoder().encode(space).write(to: file, options: .atomic)
        }
        return space
    }
}
