import ArgumentParser
import Foundation
import ParallaxAnalysis
import ParallaxEval

/// `parallax eval …`: score a stage on a real corpus from ../shared/eval.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a stage on a real corpus (skips cleanly when the corpus is absent).",
        subcommands: [ExtractionCommand.self, LangidCommand.self, AttributionCommand.self, StoriesCommand.self,
                      SimilarityCommand.self, ClaimsCommand.self, ProvenanceCommand.self, PersuasionCommand.self])

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

extension Eval {
    struct PersuasionCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "persuasion", abstract: "Persuasion techniques: paragraph micro-F1 on SemEval-2023 Task 3.")
        @Option(help: "Folder with techniques_subtask3.txt and the en, fr, ge, it, po, ru folders.")
        var data = "../shared/eval/persuasion/semeval2023t3"

        @OptionGroup var common: Common

        func run() throws {
            guard FileManager.default.fileExists(atPath: "\(data)/techniques_subtask3.txt") else {
                print("skipped: persuasion eval data not found at \(data)")
                return
            }
            let outcome = try PersuasionEval.run(dataDirectory: data)
            print(outcome.report)
            try enforce(common, value: outcome.meanMicroF1, floor: { $0.persuasionMicroF1 },
                        name: "persuasion micro-F1 (mean of languages, 5-fold CV)")
        }
    }
}

extension Eval {
    struct StoriesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stories", abstract: "Story clustering: B-cubed and pairwise F1 on BASIL and the NeuS triplets.")
        @Option(help: "Folder with basil/ and neus/.")
        var data = "../shared/eval/stories"

        @Option(help: "Use only the first N NeuS events (all by default).")
        var neusEvents: Int?

        @Flag(help: "Also score a range of joining thresholds (for choosing the default; slower).")
        var sweep = false

        @OptionGroup var common: Common

        func run() throws {
            let (reader, stories) = Pipelines.standard()
            var corpora: [(name: String, items: [StoryEval.Item])] = []
            if FileManager.default.fileExists(atPath: data + "/basil/articles") {
                corpora.append(("BASIL", try StoryEval.basil(data + "/basil", reader: reader)))
            } else {
                print("skipped: BASIL not found at \(data)/basil")
            }
            if FileManager.default.fileExists(atPath: data + "/neus/val.source") {
                corpora.append(("NeuS train+val", try StoryEval.neus(data + "/neus", reader: reader, limit: neusEvents)))
            } else {
                print("skipped: NeuS not found at \(data)/neus")
            }
            guard !corpora.isEmpty else { return }
            let rows = corpora.map { ($0.name, $0.items.count, evaluate($0.items, stories, label: String($0.name.prefix(5)))) }
            print(StoryEval.report(rows, embeddings: stories.embeddings != nil))
            if sweep { sweepThresholds(corpora, stories) }
            if let basil = rows.first(where: { $0.0 == "BASIL" }) {
                try enforce(common, value: basil.2.bcubed.f1, floor: { $0.storiesBasilBcubedF1 }, name: "BASIL B-cubed F1")
            }
            if let neus = rows.first(where: { $0.0.hasPrefix("NeuS") }), neusEvents == nil {
                try enforce(common, value: neus.2.bcubed.f1, floor: { $0.storiesNeusBcubedF1 }, name: "NeuS B-cubed F1")
            }
        }

        /// B-cubed F1 per corpus at thresholds around the default, with and without the model.
        private func sweepThresholds(_ corpora: [(name: String, items: [StoryEval.Item])], _ stories: StoryPipeline) {
            var table = TextTable(["threshold"] + corpora.map { "\($0.name) B³ F1" } + ["fallback threshold"]
                + corpora.map { "\($0.name) B³ F1 (no model)" })
            var fallback = stories
            fallback.embeddings = nil
            for step in 0..<9 {
                var tuned = stories, plain = fallback
                tuned.clustering.threshold = 0.25 + 0.05 * Float(step)
                plain.clustering.fallbackThreshold = 0.10 + 0.03 * Float(step)
                table.add([String(format: "%.2f", tuned.clustering.threshold)]
                    + corpora.map { StoryEval.pct(StoryEval.evaluate($0.items, stories: tuned).bcubed.f1) }
                    + [String(format: "%.2f", plain.clustering.fallbackThreshold)]
                    + corpora.map { StoryEval.pct(StoryEval.evaluate($0.items, stories: plain).bcubed.f1) })
            }
            print("\nThreshold sweep\n\n" + table.render())
        }

        private func evaluate(_ items: [StoryEval.Item], _ stories: StoryPipeline, label: String) -> StoryEval.Scores {
            let bar = ProgressBar(total: items.count, label: label)
            defer { bar.finish() }
            return StoryEval.evaluate(items, stories: stories) { done, _ in bar.update(done) }
        }
    }
}

extension Eval {
    struct SimilarityCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "similarity", abstract: "Article similarity vs SemEval-2022 Task 8 judgements (Pearson r).")
        @Option(help: "Folder with training_set.csv and the batch-2 labels.")
        var data = "../shared/eval/similarity/semeval2022t8"

        @OptionGroup var common: Common

        func run() throws {
            guard let pairs = try semEvalPairs(data) else { return }
            let (reader, stories) = Pipelines.standard()
            let bar = ProgressBar(total: 2 * pairs.count, label: "pairs")
            let outcome = SimilarityEval.run(pairs, reader: reader, stories: stories) { done, _ in bar.update(done) }
            bar.finish()
            print(outcome.report)
            try enforce(common, value: outcome.pearson, floor: { $0.similarityPearson }, name: "similarity Pearson r")
        }
    }
}

extension Eval {
    struct ClaimsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "claims",
            abstract: "Claim alignment: shared claims of SemEval-2022 Task 8 pairs vs their gold similarity.")
        @Option(help: "Folder with training_set.csv and the batch-2 labels.")
        var data = "../shared/eval/similarity/semeval2022t8"

        @Option(help: "Pairs to sample (seeded).")
        var pairs = 160

        @Option(help: "Sentences read from each article.")
        var sentences = 20

        @OptionGroup var common: Common

        func run() throws {
            guard let all = try semEvalPairs(data) else { return }
            let (reader, stories) = Pipelines.standard()
            guard stories.embeddings != nil else {
                print("skipped: claim alignment across languages needs the embedding model (make setup)")
                return
            }
            let bar = ProgressBar(total: pairs, label: "pairs")
            let outcome = ClaimAlignmentEval.run(all, count: pairs, sentences: sentences,
                                                 reader: reader, stories: stories) { done, _ in bar.update(done) }
            bar.finish()
            print(outcome.report)
            try enforce(common, value: outcome.pearson, floor: { $0.claimsAlignmentPearson },
                        name: "claim alignment Pearson r")
        }
    }

    struct ProvenanceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "provenance", abstract: "Copy, rewrite, spin, translation and same-wire detection on a labelled suite.")
        @Option(help: "The labelled suite (written for Parallax; see docs/quality.md).")
        var data = "Tests/ParallaxAnalysisTests/Fixtures/stories/provenance.json"

        func run() throws {
            let (reader, stories) = Pipelines.standard()
            print(ProvenanceSuite.run(try StoryFixture.load(data), reader: reader, stories: stories).report)
        }
    }
}

/// The SemEval-2022 T8 pairs with text, or nil (after saying so) when the folder is absent.
func semEvalPairs(_ data: String) throws -> [SimilarityEval.Pair]? {
    guard FileManager.default.fileExists(atPath: data + "/training_set.csv") else {
        print("skipped: SemEval-2022 T8 pairs not found at \(data)")
        return nil
    }
    return try SimilarityEval.pairs(data)
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
