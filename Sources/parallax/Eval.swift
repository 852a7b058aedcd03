import ArgumentParser

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Score a stage on a real corpus.", subcommands: [])
}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure speed.", subcommands: [])
}
