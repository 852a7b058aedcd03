import Foundation

/// Minimum scores CI insists on (`eval/floors.json`): they only ever move up.
public struct Floors: Codable, Sendable {
    public var extractionF1: Double
    public var langidSentenceAccuracy: Double
    public var langidClaimedLanguages: [String]

    enum CodingKeys: String, CodingKey {
        case extractionF1 = "extraction_f1"
        case langidSentenceAccuracy = "langid_sentence_accuracy"
        case langidClaimedLanguages = "langid_claimed_languages"
    }

    public static func load(_ path: String) throws -> Floors {
        try JSONDecoder().decode(Floors.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
