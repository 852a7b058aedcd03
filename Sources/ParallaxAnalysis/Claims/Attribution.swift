import ParallaxModel

/// One attribution inside a sentence: a cue (a reporting verb, or "according to") and the source it names.
struct Attribution: Sendable {
    enum Kind: Sendable { case verb, according }
    /// Which side of the cue the reported content is on: "X said that …" (after) or "…, X said." (before).
    enum Direction: Sendable { case after, before }

    struct Source: Sendable {
        /// Token range of the words naming the source.
        var range: Range<Int>
        var text: String
        var entity: String?
        /// The whole phrase the source was read from ("water-authority spokesman Tomas Reiner").
        var phrase: Range<Int>
        /// The phrase opens a reported clause ("… said that the engineers wrote"): a likely subject.
        var afterComplementizer = false

        init(range: Range<Int>, text: String, entity: String?, phrase: Range<Int>? = nil) {
            self.range = range
            self.text = text
            self.entity = entity
            self.phrase = phrase ?? range
        }
    }

    var kind: Kind
    var cue: Range<Int>
    var stance: Claim.Stance
    var source: Source?
    var direction: Direction = .after
    /// The source was taken over from the attribution before ("…, adding that …").
    var inherited = false

    /// The first token of the attribution: its source when that comes first, else its cue.
    var first: Int { min(cue.lowerBound, source?.phrase.lowerBound ?? cue.lowerBound) }
    var last: Int { max(cue.upperBound, source?.phrase.upperBound ?? cue.upperBound) }
}
