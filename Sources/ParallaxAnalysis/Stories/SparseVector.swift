/// A sparse, L2-normalised bag of hashed features (entity ids, figure values, content words): what two articles
/// share beyond their embedding, comparable by a dot product in time linear in the shorter bag.
public struct SparseVector: Sendable, Equatable, Codable {
    /// Feature hashes, ascending, each with its weight.
    public private(set) var keys: [UInt64]
    public private(set) var weights: [Float]

    public static let empty = SparseVector(keys: [], weights: [])

    private init(keys: [UInt64], weights: [Float]) {
        self.keys = keys
        self.weights = weights
    }

    /// Normalises raw weights (zero and negative weights dropped) to unit length.
    public init(_ raw: [UInt64: Float]) {
        let kept = raw.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        let norm = kept.reduce(Float(0)) { $0 + $1.value * $1.value }.squareRoot()
        keys = kept.map(\.key)
        weights = norm > 0 ? kept.map { $0.value / norm } : []
        if norm == 0 { keys = [] }
    }

    /// Weights already of unit length (read back from storage), kept exactly.
    init(normalised raw: [UInt64: Float]) {
        let kept = raw.sorted { $0.key < $1.key }
        keys = kept.map(\.key)
        weights = kept.map(\.value)
    }

    public var isEmpty: Bool { keys.isEmpty }

    /// The cosine of two unit vectors.
    public func dot(_ other: SparseVector) -> Float {
        var i = 0, j = 0
        var sum: Float = 0
        while i < keys.count, j < other.keys.count {
            if keys[i] == other.keys[j] {
                sum += weights[i] * other.weights[j]
                i += 1
                j += 1
            } else if keys[i] < other.keys[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    /// The dot product with a sum of vectors kept as a dictionary.
    public func dot(_ sum: [UInt64: Float]) -> Float {
        var total: Float = 0
        for (k, w) in zip(keys, weights) { total += w * (sum[k] ?? 0) }
        return total
    }

    /// Adds this vector into a running sum.
    public func add(into sum: inout [UInt64: Float]) {
        for (k, w) in zip(keys, weights) { sum[k, default: 0] += w }
    }
}
