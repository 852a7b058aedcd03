/// A span of text that uses a persuasion technique, and the cue that gave it away.
///
/// Technique names are those of SemEval-2023 Task 3 subtask 3 (`Loaded_Language`, `Name_Calling-Labeling`,
/// `Doubt`, `Appeal_to_Fear-Prejudice`, `Exaggeration-Minimisation`, `Flag_Waving`, …), so scores compare with
/// the published tables. Offsets count Unicode scalars into `Article.text`.
public struct PersuasionSpan: Codable, Sendable, Equatable {
    public var technique: String
    public var text: String
    public var start: Int
    public var end: Int
    /// Index into `Article.sentences`.
    public var sentence: Int
    /// The word, phrase or pattern that was matched ("so-called", "what about", a word repeated 4 times).
    public var cue: String

    public init(technique: String, text: String, start: Int, end: Int, sentence: Int, cue: String) {
        self.technique = technique
        self.text = text
        self.start = start
        self.end = end
        self.sentence = sentence
        self.cue = cue
    }
}
