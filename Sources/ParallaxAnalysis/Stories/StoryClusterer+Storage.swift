import Foundation

/// The clustering state in a compact binary form, for stores: a story's sums and an article's features are read
/// for every article placed near them, and JSON made that the cost of adding an article to a large store.
/// Little-endian; versioned by its first byte.
extension StoryClusterer.Cluster {
    static let format: UInt8 = 1

    /// The story as a store keeps it (`stored`: its members without their vectors).
    public func encoded() -> Data {
        var w = BinaryWriter()
        w.byte(Self.format)
        w.int(id)
        w.int(members.count)
        for m in members {
            w.string(m.source)
            w.optionalString(m.language)
            w.optionalDouble(m.time)
        }
        w.optionalFloats(embeddingSum)
        w.int(embedded)
        w.sums(entitySum)
        w.int(termSums.count)
        for (language, sums) in termSums.sorted(by: { $0.key < $1.key }) {
            w.string(language)
            w.sums(sums)
        }
        w.int(languageCounts.count)
        for (language, n) in languageCounts.sorted(by: { $0.key < $1.key }) {
            w.string(language)
            w.int(n)
        }
        w.optionalDouble(first)
        w.optionalDouble(last)
        w.double(timeSum)
        w.int(dated)
        w.int(touched)
        w.byte(archived ? 1 : 0)
        return Data(w.bytes)
    }

    /// The story from `encoded()`; throws on anything else.
    public init(encoded data: Data) throws {
        var r = BinaryReader(data)
        guard try r.byte() == Self.format else { throw BinaryReader.Malformed() }
        self.init(id: try r.int())
        let count = try r.count()
        var members: [StoryClusterer.Member] = []
        members.reserveCapacity(count)
        for _ in 0..<count {
            members.append(StoryClusterer.Member(source: try r.string(), language: try r.optionalString(),
                                                 time: try r.optionalDouble(), embedding: nil, entities: .empty,
                                                 terms: .empty))
        }
        restore(members: members)
        embeddingSum = try r.optionalFloats()
        embedded = try r.int()
        entitySum = try r.sums()
        var terms: [String: [UInt64: Float]] = [:]
        for _ in 0..<(try r.count()) { terms[try r.string()] = try r.sums() }
        termSums = terms
        var languages: [String: Int] = [:]
        for _ in 0..<(try r.count()) { languages[try r.string()] = try r.int() }
        languageCounts = languages
        first = try r.optionalDouble()
        last = try r.optionalDouble()
        timeSum = try r.double()
        dated = try r.int()
        touched = try r.int()
        if try r.byte() == 1 { archive() }
    }
}

extension StoryClusterer.Member {
    /// One article's features (its centred vector and weighted bags) in binary form.
    public func encoded() -> Data {
        var w = BinaryWriter()
        w.byte(StoryClusterer.Cluster.format)
        w.string(source)
        w.optionalString(language)
        w.optionalDouble(time)
        w.optionalFloats(embedding)
        for bag in [entities, terms] {
            w.int(bag.keys.count)
            for (k, v) in zip(bag.keys, bag.weights) {
                w.uint64(k)
                w.float(v)
            }
        }
        return Data(w.bytes)
    }

    public init(encoded data: Data) throws {
        var r = BinaryReader(data)
        guard try r.byte() == StoryClusterer.Cluster.format else { throw BinaryReader.Malformed() }
        source = try r.string()
        language = try r.optionalString()
        time = try r.optionalDouble()
        embedding = try r.optionalFloats()
        var bags: [SparseVector] = []
        for _ in 0..<2 {
            var raw: [UInt64: Float] = [:]
            for _ in 0..<(try r.count()) { raw[try r.uint64()] = try r.float() }
            bags.append(SparseVector(normalised: raw))
        }
        entities = bags[0]
        terms = bags[1]
    }
}

struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ b: UInt8) { bytes.append(b) }
    mutating func uint64(_ x: UInt64) { withUnsafeBytes(of: x.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func int(_ x: Int) { uint64(UInt64(bitPattern: Int64(x))) }
    mutating func double(_ x: Double) { uint64(x.bitPattern) }
    mutating func float(_ x: Float) { withUnsafeBytes(of: x.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func string(_ s: String) {
        int(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }
    mutating func optionalString(_ s: String?) {
        byte(s == nil ? 0 : 1)
        if let s { string(s) }
    }
    mutating func optionalDouble(_ x: Double?) {
        byte(x == nil ? 0 : 1)
        if let x { double(x) }
    }
    mutating func optionalFloats(_ v: [Float]?) {
        byte(v == nil ? 0 : 1)
        guard let v else { return }
        int(v.count)
        for x in v { float(x) }
    }
    mutating func sums(_ sums: [UInt64: Float]) {
        int(sums.count)
        for (k, v) in sums {
            uint64(k)
            float(v)
        }
    }
}

struct BinaryReader {
    struct Malformed: Error {}
    let bytes: [UInt8]
    var at = 0

    init(_ data: Data) { bytes = [UInt8](data) }

    mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, at + n <= bytes.count else { throw Malformed() }
        defer { at += n }
        return bytes[at..<(at + n)]
    }

    mutating func byte() throws -> UInt8 { try take(1).first! }
    mutating func uint64() throws -> UInt64 {
        try take(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
    mutating func int() throws -> Int { Int(Int64(bitPattern: try uint64())) }
    /// A count, which must fit in what is left (each item takes a byte at least).
    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - at else { throw Malformed() }
        return n
    }
    mutating func double() throws -> Double { Double(bitPattern: try uint64()) }
    mutating func float() throws -> Float {
        Float(bitPattern: try take(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    }
    mutating func string() throws -> String { String(decoding: try take(try count()), as: UTF8.self) }
    mutating func optionalString() throws -> String? { try byte() == 0 ? nil : try string() }
    mutating func optionalDouble() throws -> Double? { try byte() == 0 ? nil : try double() }
    mutating func optionalFloats() throws -> [Float]? {
        guard try byte() != 0 else { return nil }
        return try (0..<(try count())).map { _ in try float() }
    }
    mutating func sums() throws -> [UInt64: Float] {
        var out: [UInt64: Float] = [:]
        for _ in 0..<(try count()) { out[try uint64()] = try float() }
        return out
    }
}
