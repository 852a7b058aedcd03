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
        @OptionGroup var pages: ExtractionPages

        @Option(help: "Rounds to run; the best is reported.")
        var rounds = 3

        func run() throws {
            guard let pipeline = pages.prepare() else { return }
            print(try ExtractionBench.run(dataDirectory: pages.data, peerScript: pages.peerScript, pipeline: pipeline,
                                          rounds: max(1, rounds)))
        }
    }
}
