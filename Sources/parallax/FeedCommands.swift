import ArgumentParser
import Foundation
import ParallaxAnalysis
import ParallaxFeeds
import ParallaxIngest
import ParallaxModel
import ParallaxStore

/// `parallax feeds …`: the subscriptions the poller follows.
struct Feeds: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Subscribe to feeds and see how polling them goes.",
        subcommands: [Add.self, List.self, Remove.self, Enable.self, Disable.self, ExportOPML.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Subscribe to feeds (RSS, Atom, JSON Feed), by URL or from an OPML file.")

        @Argument(help: "Feed URLs (http or https).")
        var urls: [String] = []

        @Option(help: "An OPML file of subscriptions (nested outlines are read).")
        var opml: String?

        @OptionGroup var options: StoreOptions

        func validate() throws {
            if urls.isEmpty && opml == nil { throw ValidationError("give feed URLs, or --opml FILE") }
        }

        func run() throws {
            var wanted = urls.map { (url: $0, title: String?.none, source: String?.none) }
            if let opml {
                guard let data = FileManager.default.contents(atPath: opml) else {
                    throw ParallaxError(.unreadable, "cannot read the OPML file", source: opml)
                }
                wanted += try OPML.subscriptions([UInt8](data), source: opml).map { ($0.url, $0.title, String?.some(opml)) }
            }
            let store = try options.openForWriting()
            var added = 0, failed = 0
            for entry in wanted {
                guard let url = FeedURL.valid(entry.url) else {
                    let what = "not an http or https URL" + (entry.source == nil ? "" : ": \(entry.url.prefix(300))")
                    Terminal.report(ParallaxError(.badURL, what, source: entry.source ?? String(entry.url.prefix(300))))
                    failed += 1
                    continue
                }
                let (feed, isNew) = try store.addFeed(url: url, title: entry.title, interval: Poller.defaultInterval)
                if isNew { added += 1 } else { Terminal.note("already subscribed: \(feed.url) (feed \(feed.id))") }
            }
            Terminal.note("\(Terminal.count(added, "feed")) added; \(try store.feeds().count) in the store (\(options.path))")
            if failed > 0 { throw ExitCode(added == 0 ? 2 : 1) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the feeds: status, last success, last error, next poll, items.")

        @OptionGroup var options: StoreOptions

        @Option(help: "text (default in a terminal) or json.")
        var format: Stories.ListFormat?

        func run() throws {
            let feeds = try options.openForReading().feeds()
            switch format ?? (Terminal.isTTY(stdout: true) ? .text : .json) {
            case .json: print(try JSONText.encode(feeds.map(FeedListing.init)))
            case .text:
                if feeds.isEmpty { Terminal.note("no feeds: add some with `parallax feeds add URL…`") }
                for feed in feeds {
                    let title = feed.title.map { "  \($0)" } ?? ""
                    print(ControlCharacters.escaped("\(feed.id)  \(feed.status)  \(feed.url)\(title)"))
                    print("   last success \(feed.lastSuccess.map(StoreClock.minute) ?? "never"), next poll \(StoreClock.minute(feed.nextPoll)), "
                          + "every \(Self.duration(feed.interval)); \(Terminal.count(feed.items, "item")), "
                          + Terminal.count(feed.articles, "article"))
                    if let error = feed.lastError {
                        print(ControlCharacters.escaped("   last error (\(feed.failures) in a row): \(error)"))
                    }
                    if let reason = feed.disabledReason { print(ControlCharacters.escaped("   disabled: \(reason)")) }
                }
            }
        }

        static func duration(_ seconds: Double) -> String {
            seconds >= 3600 ? "\((seconds / 3600).formatted(.number.precision(.fractionLength(0...1)))) h" : "\(Int(seconds / 60)) min"
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unsubscribe (the articles already stored stay).")
        @OptionGroup var selection: FeedSelection

        func run() throws {
            try selection.each { store, feed in
                _ = try store.removeFeed(feed.id)
                return "removed feed \(feed.id): \(feed.url)"
            }
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Turn feeds back on (a feed is turned off after repeated failures); due now.")
        @OptionGroup var selection: FeedSelection

        func run() throws {
            try selection.each { store, feed in
                var feed = feed
                feed.turnOn()
                try store.saveFeed(feed)
                return "feed \(feed.id) is on: \(feed.url)"
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop polling feeds without unsubscribing.")
        @OptionGroup var selection: FeedSelection

        func run() throws {
            try selection.each { store, feed in
                var feed = feed
                feed.turnOff()
                try store.saveFeed(feed)
                return "feed \(feed.id) is off: \(feed.url)"
            }
        }
    }

    struct ExportOPML: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the subscriptions as OPML.")

        @Flag(help: "OPML 2.0 (the only format; the flag is accepted for clarity).")
        var opml = false

        @OptionGroup var options: StoreOptions

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        func run() throws {
            let feeds = try options.openForReading().feeds()
            let sink = try OutputSink(path: output, inputs: options.files)
            sink.write(OPML.document(title: "Parallax subscriptions", feeds: feeds.map { ($0.url, $0.title) }))
            try sink.close()
        }
    }
}

/// The feeds a command acts on, by id or URL, in a store opened for writing.
struct FeedSelection: ParsableArguments {
    @Argument(help: "Feed ids or URLs, as `feeds list` shows them.")
    var feeds: [String]

    @OptionGroup var options: StoreOptions

    /// Runs `body` on each named feed (all found before any is changed), saying what it did.
    func each(_ body: (any Store, FeedRecord) throws -> String) throws {
        let store = try options.openForWriting()
        for feed in try FeedURL.find(feeds, in: store, path: options.path) { Terminal.note(try body(store, feed)) }
    }
}

extension FeedURL {
    /// The feeds named by id or URL; an unknown one is an error naming it.
    static func find(_ names: [String], in store: any Store, path: String) throws -> [FeedRecord] {
        let feeds = try store.feeds()
        return try names.map { name in
            guard let feed = feeds.first(where: { String($0.id) == name || $0.url == name }) else {
                throw ParallaxError(.notFound, "no feed \(name.prefix(300)) (see `parallax feeds list`)", source: path)
            }
            return feed
        }
    }
}

/// `parallax poll`: fetch due feeds and their new pages, ingest them, refresh the stories they touch.
struct Poll: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Poll the feeds that are due, store their new articles and update the stories they join.",
        discussion: """
            Without --once, polls forever: each feed when it is due (its interval adapts to how often it \
            publishes; failures back off). Private, loopback and link-local addresses are refused unless \
            --allow-private-addresses is given.
            """)

    @OptionGroup var options: StoreOptions

    @Flag(help: "Poll every enabled feed now, once, then exit.")
    var once = false

    @Flag(help: "Allow feeds and pages on loopback, private and link-local addresses (local testing, an intranet).")
    var allowPrivateAddresses = false

    @Option(help: "Requests in flight at once.")
    var concurrency = 8

    @Option(help: "Requests in flight to one host at once.")
    var perHost = 2

    @Option(help: "Seconds between the starts of two requests to one host.")
    var hostInterval = 1.0

    @Option(help: "Seconds one request (with its redirects and body) may take.")
    var requestTimeout = 30.0

    @OptionGroup var limits: TimeoutOption

    func validate() throws {
        guard (1...256).contains(concurrency), (1...64).contains(perHost) else {
            throw ValidationError("--concurrency must be 1–256 and --per-host 1–64")
        }
        guard hostInterval.isFinite, (0...3600).contains(hostInterval), requestTimeout.isFinite,
              requestTimeout > 0, requestTimeout <= 600 else {
            throw ValidationError("--host-interval must be 0–3600 s and --request-timeout above 0 and at most 600 s")
        }
    }

    func run() async throws {
        let store = try options.openForWriting()
        var fetcher = Fetcher(addresses: AddressPolicy(allowPrivate: allowPrivateAddresses))
        fetcher.timeout = requestTimeout
        var poller = Poller(store: store, ingestor: Ingestion.ingestor(store: store, limits: limits), fetcher: fetcher)
        poller.concurrency = concurrency
        poller.perHost = perHost
        poller.hostInterval = hostInterval
        poller.log = { Terminal.warn($0) }
        if try store.feeds().isEmpty {
            Terminal.note("no feeds to poll: add some with `parallax feeds add URL… --store \(options.path)`")
            throw ExitCode(2)
        }
        repeat {
            let report = try await poller.poll(all: once)
            if report.feeds > 0 || once { Self.summarise(report, store: store, path: options.path) }
            if once { break }
            let next = try store.feeds().filter(\.enabled).compactMap { StoreClock.date($0.nextPoll) }.min()
            let wait = min(max(5, (next ?? Date().addingTimeInterval(60)).timeIntervalSinceNow), 3600)
            try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
        } while true
    }

    static func summarise(_ report: Poller.Report, store: any Store, path: String) {
        for (feed, error) in report.failed { Terminal.report(ParallaxError(error.code, error.message, source: feed)) }
        for failure in report.ingest.failures { Terminal.report(failure) }
        let stats = try? store.stats()
        let c: (Int, String, String?) -> String = Terminal.count
        let feeds: String = "\(c(report.feeds, "feed", nil)) polled (\(report.unchanged) unchanged, \(report.failed.count) failed)"
        let items: String = "\(c(report.newItems, "new item", nil)), \(c(report.pages, "page", nil)) fetched "
            + "(\(report.pagesUnchanged) unchanged), \(report.fromFeed) from the feed's own text, \(report.linked) already stored"
        let stored: String = "\(c(report.ingest.added.count, "new article", nil)), \(report.ingest.revised.count) revised; "
            + "\(c(report.ingest.refreshed.count, "story", "stories")) updated"
        let held: String = "the store holds \(c(stats?.articles ?? 0, "article", nil)) in "
            + "\(c(stats?.stories ?? 0, "story", "stories")) (\(path))"
        Terminal.note([feeds, items, stored, held].joined(separator: "; "))
    }
}
