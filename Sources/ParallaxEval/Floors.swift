import Foundation

/// Minimum scores CI insists on (`eval/floors.json`): they only ever move up.
public struct Floors: Codable, Sendable {
    public var extractionF1: Double
    public var langidSentenceAccuracy: Double
    public var langidClaimedLanguages: [String]
    public var attributionContentOverlapF1: Double
    public var attributionCueExactF1: Double
    public var storiesBasilBcubedF1: Double
    public var storiesNeusBcubedF1: Double
    public var similarityPearson: Double
    public var claimsAlignmentPearson: Double
    public var persuasionMicroF1: Double

    enum CodingKeys: String, CodingKey {
        case extractionF1 = "extraction_f1"
        case langidSentenceAccuracy = "langid_sentence_accuracy"
        case langidClaimedLanguages = "langid_claimed_languages"
        case attributionContentOverlapF1 = "attribution_content_overlap_f1"
        case attributionCueExactF1 = "attribution_cue_exact_f1"
        case storiesBasilBcubedF1 = "stories_basil_bcubed_f1"
        case storiesNeusBcubedF1 = "stories_neus_bcubed_f1"
        case similarityPearson = "similarity_pearson"
        case claimsAlignmentPearson = "claims_alignment_pearson"
        case persuasionMicroF1 = "persuasion_micro_f1"
    }

    public static func load(_ path: String) throws -> Floors {
        try JSONDecoder().decode(Floors.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
