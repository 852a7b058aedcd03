// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Parallax",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "parallax", targets: ["parallax"]),
        .library(name: "ParallaxAnalysis", targets: ["ParallaxAnalysis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
        .target(
            name: "ParallaxAnalysis",
            dependencies: ["ParallaxModel", "CLibXML2", "CZlib", "CICUShim", "CCLD2Shim"],
            resources: [.copy("Resources/lexicon"), .copy("Resources/languages"), .copy("Resources/embeddings"),
                        .copy("Resources/persuasion")]
        ),
        .target(name: "ParallaxEval", dependencies: ["ParallaxAnalysis", "ParallaxModel"]),
        .executableTarget(
            name: "parallax",
            dependencies: [
                "ParallaxAnalysis", "ParallaxEval", "ParallaxModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(
            name: "ParallaxAnalysisTests",
            dependencies: ["ParallaxAnalysis", "ParallaxModel"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ParallaxEvalTests", dependencies: ["ParallaxEval", "ParallaxAnalysis"]),
    ],
    swiftLanguageModes: [.v6]
)
