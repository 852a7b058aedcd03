import ArgumentParser
import Foundation
import ParallaxAnalysis
import ParallaxEval

/// `parallax bench …`: speed reports, side by side with the tool a user would otherwise pick.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure speed (a report, not a test).",
                                                    subcommands: [ExtractionCommand.self])

    struct ExtractionCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "extraction",
                                                        abstract: "Pages/s and MB/s per core, beside trafilatura.")
        @Option(help: "Folder with evaldata.json and html/.")
        var data = "../shared/eval/extraction/trafilatura"

        @Option(help: "Rounds to run; the best is reported.")
        var rounds = 3

        @Flag(help: "Do not run trafilatura for comparison.")
        var noPeer = false

        func run() throws {
            guard FileManager.default.fileExists(atPath: data + "/evaldata.json") else {
                print("skipped: extraction eval data not found at \(data)")
                return
            }
            let pipeline = ArticlePipeline.standard()
            for warning in pipeline.setupWarnings { Terminal.warn(warning) }
            print(try ExtractionBench.run(dataDirectory: data, peerScript: noPeer ? nil : PeerScripts.trafilatura,
                                          pipeline: pipeline, rounds: max(1, rounds)))
        }
    }
}
