// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Parallax",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "parallax", targets: ["parallax"]),
        .library(name: "ParallaxAnalysis", targets: ["ParallaxAnalysis"]),
        .library(name: "ParallaxReport", targets: ["ParallaxReport"]),
        .library(name: "ParallaxStore", targets: ["ParallaxStore"]),
        .library(name: "ParallaxIngest", targets: ["ParallaxIngest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    ],
    targets: [
        // Thin C bridges with plain-C headers (see docs/architecture.md for why each exists).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "CICUShim",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(
            name: "CCLD2Shim",
            // cld2_full carries only the ~160-language tables; it must come before cld2 (the code).
            linkerSettings: [.linkedLibrary("cld2_full"), .linkedLibrary("cld2")]
        ),

        .target(name: "ParallaxModel"),
        // Reports for people: the dossier as HTML (one template for the static report and the server's story
        // page), Markdown and text, and the SVG charts; depends on the model only.
        .target(name: "ParallaxReport", dependencies: ["ParallaxModel"]),
        .target(
            name: "ParallaxAnalysis",
            dependencies: ["ParallaxModel", "CLibXML2", "CZlib", "CICUShim", "CCLD2Shim"],
            resources: [.copy("Resources/lexicon"), .copy("Resources/languages"), .copy("Resources/embeddings"),
                        .copy("Resources/persuasion")]
        ),
        // The store: one protocol and its in-memory reference; each backend in its own target.
        .target(name: "ParallaxStore", dependencies: ["ParallaxModel", "ParallaxAnalysis"]),
        .target(
            name: "ParallaxSQLite",
            dependencies: ["ParallaxStore", "ParallaxModel", "ParallaxAnalysis", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Feeds: RSS, Atom, JSON Feed and OPML read safely; fetched over HTTP with guards; polled into the store.
        .target(
            name: "ParallaxFeeds",
            dependencies: ["ParallaxModel", "ParallaxAnalysis", "ParallaxStore", "ParallaxIngest", "CLibXML2",
                           .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio")]
        ),
        // `parallax serve`: pages and the JSON API over a store (Hummingbird 2), with the poller beside it.
        .target(
            name: "ParallaxServer",
            dependencies: ["ParallaxReport", "ParallaxStore", "ParallaxAnalysis", "ParallaxModel", "ParallaxFeeds", "ParallaxIngest",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdCore", package: "hummingbird"),
                           .product(name: "HTTPTypes", package: "swift-http-types"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "Metrics", package: "swift-metrics"),
                           .product(name: "Prometheus", package: "swift-prometheus")]
        ),
        // The incremental driver: documents → articles → stories → dossiers, through a store.
        .target(name: "ParallaxIngest", dependencies: ["ParallaxReport", "ParallaxStore", "ParallaxAnalysis", "ParallaxModel"]),
        .target(
            name: "ParallaxEval",
            dependencies: ["ParallaxAnalysis", "ParallaxModel", "ParallaxIngest", "ParallaxStore", "ParallaxSQLite",
                           "ParallaxFeeds", "ParallaxServer", "CZlib",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio")]
        ),
        .executableTarget(
            name: "parallax",
            dependencies: [
                "ParallaxAnalysis", "ParallaxReport", "ParallaxEval", "ParallaxModel", "ParallaxStore", "ParallaxSQLite", "ParallaxIngest",
                "ParallaxFeeds", "ParallaxServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .testTarget(
            name: "ParallaxAnalysisTests",
            dependencies: ["ParallaxAnalysis", "ParallaxModel", "ParallaxReport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ParallaxEvalTests", dependencies: ["ParallaxEval", "ParallaxAnalysis"]),
        // Feed tests start their own HTTP server on loopback (ParallaxEval's LoopbackServer) serving what they write.
        .testTarget(
            name: "ParallaxFeedsTests",
            dependencies: ["ParallaxFeeds", "ParallaxEval", "ParallaxAnalysis", "ParallaxModel", "ParallaxStore", "ParallaxIngest",
                           "ParallaxSQLite"]
        ),
        .testTarget(
            name: "ParallaxServerTests",
            dependencies: ["ParallaxServer", "ParallaxStore", "ParallaxIngest", "ParallaxAnalysis", "ParallaxModel", "ParallaxReport",
                           .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "HTTPTypes", package: "swift-http-types"),
                           .product(name: "Prometheus", package: "swift-prometheus")]
        ),
        // Runs the built executable on hostile inputs it writes itself (issue 19).
        .testTarget(name: "HostileInputTests"),
        .testTarget(
            name: "ParallaxIngestTests",
            dependencies: ["ParallaxIngest", "ParallaxStore", "ParallaxSQLite", "ParallaxAnalysis", "ParallaxModel", "ParallaxReport"]
        ),
        .testTarget(
            name: "ParallaxStoreTests",
            dependencies: ["ParallaxStore", "ParallaxSQLite", "ParallaxIngest", "ParallaxAnalysis", "ParallaxModel",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
