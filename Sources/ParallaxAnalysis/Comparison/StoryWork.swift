import ParallaxModel

/// What a story's last refresh computed that the next one can reuse when reports were only added since: the
/// provenance of every pair of member versions compared, and the claim alignment of the members it had.
///
/// A dossier is then maintained, not rebuilt: a new report is compared with each member once (provenance), and its
/// claim sentences are placed among the aligned claims (the aligner is greedy in member order, so placing the new
/// sentences after the old ones is what a rebuild in the same order does). Members are named by a version key
/// (an article's id and revision in a store): a revised, removed or reordered member voids the alignment, and a
/// revised member's pairs are compared again.
public struct StoryWork: Codable, Sendable, Equatable {
    /// Member versions in story order, as of the alignment.
    public var members: [String] = []
    /// Aligned claims, each a list of sentences (member index into `members`, sentence index), in aligner order.
    public var claims: [[SentenceRef]] = []
    /// Member versions whose every pair with one another was compared for provenance, and the pairs among them
    /// that reuse one another (every other pair among them: none).
    public var compared: [String] = []
    public var found: [Pair] = []
    /// The story stages that made it: work made by others is not resumed.
    public var stages: [String] = []

    public init() {}

    public struct SentenceRef: Codable, Sendable, Hashable {
        public var member: Int
        public var sentence: Int

        init(member: Int, sentence: Int) {
            self.member = member
            self.sentence = sentence
        }

        // As a pair of numbers: a story of hundreds of reports has thousands of claim sentences.
        public init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            member = try c.decode(Int.self)
            sentence = try c.decode(Int.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(member)
            try c.encode(sentence)
        }
    }

    public struct Pair: Codable, Sendable, Equatable {
        public var a: String
        public var b: String
        public var edge: ProvenanceEdge?
    }

    /// The edges found, by unordered pair of version keys.
    var foundIndex: [String: ProvenanceEdge] {
        Dictionary(found.compactMap { p in p.edge.map { (Self.pairKey(p.a, p.b), $0) } }, uniquingKeysWith: { a, _ in a })
    }

    static func pairKey(_ a: String, _ b: String) -> String { a < b ? a + "\u{1}" + b : b + "\u{1}" + a }
}
