/// Word shingles of a text and their MinHash signature: the near-duplicate evidence of provenance ("copy",
/// "copy with a new lede", "rewrite"). Words are the tokenizer's lower-cased words (punctuation and numbers'
/// separators ignored), so that reformatting does not hide a copy.
public struct Shingles: Sendable, Equatable {
    /// Hashes of every run of `size` consecutive words, without repeats.
    public let hashes: Set<UInt64>
    public let size: Int

    public init(text: String, size: Int = 5) {
        let words = WordTokenizer.tokens(of: text).filter { $0.kind != .punctuation }.map { Shingles.hash($0.folded) }
        var set = Set<UInt64>()
        if words.count >= size {
            for i in 0...(words.count - size) {
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                for w in words[i..<(i + size)] { h = Shingles.mix(h ^ w) }
                set.insert(h)
            }
        } else if !words.isEmpty {
            set.insert(words.reduce(0xcbf2_9ce4_8422_2325) { Shingles.mix($0 ^ $1) })
        }
        hashes = set
        self.size = size
    }

    /// Exact Jaccard similarity of two shingle sets.
    public func jaccard(_ other: Shingles) -> Double {
        let union = hashes.union(other.hashes).count
        return union == 0 ? 0 : Double(hashes.intersection(other.hashes).count) / Double(union)
    }

    /// The share of this text's shingles found in the other: near 1 when this text is copied inside the other,
    /// whatever the other adds (a new lede, a byline, an editor's note).
    public func containment(in other: Shingles) -> Double {
        hashes.isEmpty ? 0 : Double(hashes.intersection(other.hashes).count) / Double(hashes.count)
    }

    /// FNV-1a over UTF-8, finished with a mixer.
    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return mix(h)
    }

    /// splitmix64's finaliser: spreads every input bit over the output.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// SplitMix64 over `Shingles.mix`: a small seeded generator, so that shuffled evaluation streams and random test
/// inputs are the same on every run.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        defer { state &+= 0x9e37_79b9_7f4a_7c15 }
        return Shingles.mix(state)
    }
}

/// A fixed-size MinHash signature: the estimated Jaccard similarity of two texts is the share of equal slots,
/// so candidates for copy detection are compared without keeping whole shingle sets.
public struct MinHashSignature: Sendable, Equatable, Codable {
    public let values: [UInt64]

    public init(_ shingles: Shingles, slots: Int = 128) {
        var mins = [UInt64](repeating: .max, count: slots)
        for h in shingles.hashes {
            for k in 0..<slots {
                let v = Shingles.mix(h ^ MinHashSignature.seeds[k % MinHashSignature.seeds.count] &+ UInt64(k))
                if v < mins[k] { mins[k] = v }
            }
        }
        values = mins
    }

    public func similarity(_ other: MinHashSignature) -> Double {
        guard values.count == other.values.count, !values.isEmpty else { return 0 }
        let equal = zip(values, other.values).filter { $0 == $1 && $0 != .max }.count
        return Double(equal) / Double(values.count)
    }

    static let seeds: [UInt64] = (0..<128).map { Shingles.mix(UInt64($0) &* 0x2545_f491_4f6c_dd1d) }
}
