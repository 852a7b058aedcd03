import ArgumentParser
import Foundation
import ParallaxAnalysis
import ParallaxEval

/// `parallax eval …`: score a stage on a real corpus from ../shared/eval.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a stage on a real corpus (skips cleanly when the corpus is absent).",
        subcommands: [ExtractionCommand.self, LangidCommand.self, AttributionCommand.self])

    /// Options shared by every eval.
    struct Common: ParsableArguments {
        @Option(help: "Floors file; with --check, exit 1 when a score falls below its floor.")
        var floors: String = "eval/floors.json"

        @Flag(help: "Fail (exit 1) when a score falls below its floor.")
        var check = false
    }

    struct ExtractionCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "extraction",
                                                        abstract: "Main-text extraction, beside trafilatura.")
        @OptionGroup var pages: ExtractionPages
        @OptionGroup var common: Common

        func run() throws {
            guard let pipeline = pages.prepare() else { return }
            let outcome = try ExtractionReport.run(dataDirectory: pages.data, peerScript: pages.peerScript,
                                                   pipeline: pipeline)
            print(outcome.report)
            try enforce(common, value: outcome.f1, floor: { $0.extractionF1 }, name: "extraction F1")
        }
    }

    struct LangidCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "langid",
                                                        abstract: "Language identification on sentences and word pairs.")
        @Option(help: "Folder with sentences/ and word-pairs/.")
        var data = "../shared/eval/langid/lingua"

        @OptionGroup var common: Common

        func run() throws {
            guard FileManager.default.fileExists(atPath: data + "/sentences") else {
                print("skipped: langid eval data not found at \(data)")
                return
            }
            let floors = try? Floors.load(common.floors)
            let pipeline = ArticlePipeline.standard()
            let outcome = try LangidReport.run(dataDirectory: data, identifier: pipeline.languages.identifier,
                                               claimed: floors?.langidClaimedLanguages ?? LangidReport.defaultClaimed)
            print(outcome.report)
            try enforce(common, value: outcome.claimedSentenceAccuracy, floor: { $0.langidSentenceAccuracy },
                        name: "langid mean sentence accuracy")
        }
    }
}

extension Eval {
    struct AttributionCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "attribution",
                                                        abstract: "Who said what: source, cue and content spans on PolNeAR.")
        @Option(help: "Folder with the PolNeAR train/ and dev/ splits.")
        var data = "../shared/eval/quotes/polnear"

        @Option(help: "Split to score (dev is the one with a floor).")
        var split = "dev"

        @Option(help: "Write the predicted claims of every article to this JSON Lines file, for error analysis.")
        var dump: String?

        @OptionGroup var common: Common

        func run() throws {
            guard FileManager.default.fileExists(atPath: "\(data)/\(split)/attributions") else {
                print("skipped: attribution eval data not found at \(data)/\(split)")
                return
            }
            let pipeline = ArticlePipeline.standard()
            for warning in pipeline.setupWarnings { Terminal.warn(warning) }
            let outcome = try AttributionEval.run(dataDirectory: data, split: split, pipeline: pipeline, dump: dump)
            print(outcome.report)
            try enforce(common, value: outcome.content.overlapF1, floor: { $0.attributionContentOverlapF1 },
                        name: "attribution content overlap F1")
            try enforce(common, value: outcome.cue.exactF1, floor: { $0.attributionCueExactF1 },
                        name: "attribution cue exact F1")
        }
    }
}

/// Exits 1 when `--check` is given and the value is below its floor.
func enforce(_ common: Eval.Common, value: Double, floor: (Floors) -> Double, name: String) throws {
    guard common.check else { return }
    let floors = try Floors.load(common.floors)
    let minimum = floor(floors)
    if value + 1e-9 < minimum {
        Terminal.note("FAIL: \(name) \(String(format: "%.4f", value)) is below the floor \(minimum) (\(common.floors))")
        throw ExitCode(1)
    }
    Terminal.note("ok: \(name) \(String(format: "%.4f", value)) ≥ floor \(minimum)")
}

/// Where the peer scripts are, relative to the checkout.
enum PeerScripts {
    static var trafilatura: String {
        let candidates = [FileManager.default.currentDirectoryPath + "/eval/peers/run-trafilatura.sh"]
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
    }
}

/// The extraction eval pages and the trafilatura comparison, shared by `eval extraction` and `bench extraction`.
struct ExtractionPages: ParsableArguments {
    @Option(help: "Folder with evaldata.json and html/.")
    var data = "../shared/eval/extraction/trafilatura"

    @Flag(help: "Do not run trafilatura for comparison.")
    var noPeer = false

    var peerScript: String? { noPeer ? nil : PeerScripts.trafilatura }

    /// The pipeline to measure, or nil (after saying so) when the pages are not there.
    func prepare() -> ArticlePipeline? {
        guard FileManager.default.fileExists(atPath: data + "/evaldata.json") else {
            print("skipped: extraction eval data not found at \(data)")
            return nil
        }
        let pipeline = ArticlePipeline.standard()
        for warning in pipeline.setupWarnings { Terminal.warn(warning) }
        return pipeline
    }
}
