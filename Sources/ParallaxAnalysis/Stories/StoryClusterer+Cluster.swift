import Foundation

extension StoryClusterer {
    /// A story being built: its members and the sums that make average similarity one dot product.
    public struct Cluster: Sendable, Codable {
        /// The story's identity: its index here, or its id in a store.
        public var id: Int
        public private(set) var members: [Member] = []
        var embeddingSum: [Float]?
        var embedded = 0
        var entitySum: [UInt64: Float] = [:]
        /// Words are compared within a language only: one sum and count per language.
        var termSums: [String: [UInt64: Float]] = [:]
        var languageCounts: [String: Int] = [:]
        var first: Double?
        var last: Double?
        /// Sum and count of members' times: the story's mean time.
        var timeSum: Double = 0
        var dated = 0
        /// The arrival number of its latest member: recency when dates are unknown.
        public var touched = 0
        /// The story's span in days since 1970, nil while no member is dated: what a store indexes to find the
        /// stories an article may join.
        public var firstTime: Double? { first }
        public var lastTime: Double? { last }

        /// The story as a store keeps it: its sums, and its members without their vectors (each article keeps its
        /// own member with its vectors).
        public var stored: Cluster {
            var copy = self
            for i in copy.members.indices {
                copy.members[i].embedding = nil
                copy.members[i].entities = .empty
                copy.members[i].terms = .empty
            }
            return copy
        }

        /// A story rebuilt from its members (vectors included), for comparing each with the whole.
        public init(id: Int, members: [Member]) {
            self.id = id
            for (n, m) in members.enumerated() { add(m, sequence: n) }
        }

        init(id: Int) { self.id = id }

        /// Members as a store gives them back (without vectors), for `init(encoded:)`.
        mutating func restore(members: [Member]) { self.members = members }

        /// A story of one article, to compare two articles as the clusterer would.
        init(holding member: Member) {
            id = -1
            add(member, sequence: 0)
        }

        /// Drops the members' vectors, keeping who they were and the story's sums.
        mutating func archive() {
            for i in members.indices {
                members[i].embedding = nil
                members[i].entities = .empty
                members[i].terms = .empty
            }
            archived = true
        }

        /// Drops the sums as well, once no article can be compared with the story any more.
        mutating func forget() {
            embeddingSum = nil
            entitySum = [:]
            termSums = [:]
        }

        /// True once the story has closed and its members' vectors were dropped.
        public private(set) var archived = false

        mutating func add(_ m: Member, sequence: Int) {
            members.append(m)
            if let e = m.embedding {
                if embeddingSum == nil { embeddingSum = [Float](repeating: 0, count: e.count) }
                for i in e.indices { embeddingSum![i] += e[i] }
                embedded += 1
            }
            m.entities.add(into: &entitySum)
            m.terms.add(into: &termSums[m.language ?? "", default: [:]])
            languageCounts[m.language ?? "", default: 0] += 1
            if let t = m.time {
                first = Swift.min(first ?? t, t)
                last = Swift.max(last ?? t, t)
                timeSum += t
                dated += 1
            }
            touched = sequence
        }
    }
}
