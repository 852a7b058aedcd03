import Foundation
import ParallaxModel

/// A time budget for one document, checked cooperatively by the loops that could run long.
public struct Deadline: Sendable {
    let end: UInt64
    public let seconds: Double

    public init(seconds: Double) {
        // Clamped: a budget of more than a day is no budget, and a huge number must not overflow.
        self.seconds = min(max(0, seconds), 86_400)
        end = DispatchTime.now().uptimeNanoseconds + UInt64(self.seconds * 1e9)
    }

    public static var none: Deadline { Deadline(seconds: 1e6) }

    /// Whether the budget is spent (for loops that stop early rather than fail).
    public var expired: Bool { DispatchTime.now().uptimeNanoseconds > end }

    public func check(source: String) throws {
        if DispatchTime.now().uptimeNanoseconds > end {
            throw ParallaxError(.timeout, "took longer than \(seconds) s (the per-document limit)", source: source)
        }
    }
}
