import ArgumentParser

/// `parallax`: the one executable. Each subcommand parses its options, builds the library pieces and runs.
@main
struct Parallax: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Triangulate the news: analyse many reports of the same events.",
        discussion: """
            Exit status: 0 when every input was analysed, 1 when some inputs failed (each is named on \
            stderr), 2 on a usage error or when nothing could be read.
            """,
        subcommands: [Extract.self, Analyze.self, Ingest.self, Stories.self, StoryCommand.self, ExportCommand.self,
                      Stats.self, Reanalyze.self, Revisions.self, Feeds.self, Poll.self, Serve.self, Eval.self,
                      Bench.self]
    )
}
