/// The versioned identity of an analysis stage, recorded next to what it produced so that results can be
/// recomputed when a stage changes.
public struct StageID: Codable, Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var version: Int

    public init(_ name: String, _ version: Int) {
        self.name = name
        self.version = version
    }

    public var description: String { "\(name)@\(version)" }
}
