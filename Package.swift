// swift-tools-version: 6.0
// samtal: recordings and transcripts of table discussions → theme and emotion summaries.
//
// Dependencies point one way: C shims → DSP → stages → Pipeline → executable.
// Every stage may use SamtalCore; no stage imports another stage.
import PackageDescription

let package = Package(
    name: "samtal",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "samtal", targets: ["samtal"]),
        .library(name: "SamtalCore", targets: ["SamtalCore"]),
        .library(name: "DSP", targets: ["DSP"]),  // for the Benchmarks/ package
        .library(name: "Pipeline", targets: ["Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // MARK: C system libraries (module.modulemap + shim.h only)

        .systemLibrary(
            name: "CSndFile", pkgConfig: "sndfile",
            providers: [.apt(["libsndfile1-dev"])]),

        .systemLibrary(
            name: "CFFTW", pkgConfig: "fftw3f",
            providers: [.apt(["libfftw3-dev"])]),

        .systemLibrary(
            name: "CSoxr", pkgConfig: "soxr",
            providers: [.apt(["libsoxr-dev"])]),

        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),

        .systemLibrary(
            name: "CStemmer",
            providers: [.apt(["libstemmer-dev"])]),

        // MARK: Shared vocabulary

        .target(name: "SamtalCore"),

        // MARK: Signal processing

        .target(name: "DSP", dependencies: ["CFFTW", "SamtalCore"]),

        // MARK: Stages

        .target(name: "AudioDecoding", dependencies: ["CSndFile", "CSoxr", "SamtalCore"]),

        .target(name: "VoiceActivity", dependencies: ["DSP", "SamtalCore"]),

        .target(name: "Diarization", dependencies: ["CBLAS", "DSP", "SamtalCore"]),

        .target(
            name: "Transcripts",
            dependencies: ["SamtalCore", .product(name: "Yams", package: "Yams")]),

        .target(
            name: "Tagging",
            dependencies: ["CStemmer", "SamtalCore", .product(name: "Yams", package: "Yams")]),

        .target(name: "Summaries", dependencies: ["SamtalCore"]),

        // MARK: Composition and CLI

        .target(
            name: "Pipeline",
            dependencies: [
                "SamtalCore", "AudioDecoding", "VoiceActivity", "Diarization", "Transcripts",
                "Tagging", "Summaries",
            ]),

        .executableTarget(
            name: "samtal",
            dependencies: [
                "Pipeline", "SamtalCore", "DSP", "AudioDecoding", "VoiceActivity", "Diarization",
                "Transcripts", "Tagging", "Summaries",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .target(name: "SamtalTestSupport", dependencies: ["SamtalCore"]),

        // MARK: Tests (one per module, plus end-to-end tests of the built binary)

        .testTarget(name: "SamtalCoreTests", dependencies: ["SamtalCore", "SamtalTestSupport"]),

        .testTarget(name: "DSPTests", dependencies: ["DSP", "SamtalTestSupport"],
                    resources: [.copy("Resources")]),

        .testTarget(name: "AudioDecodingTests",
                    dependencies: ["AudioDecoding", "SamtalTestSupport"]),

        .testTarget(name: "VoiceActivityTests",
                    dependencies: ["VoiceActivity", "DSP", "SamtalTestSupport"],
                    resources: [.copy("Resources")]),

        .testTarget(name: "DiarizationTests",
                    dependencies: ["Diarization", "DSP", "SamtalTestSupport"],
                    resources: [.copy("Resources")]),

        .testTarget(name: "TranscriptsTests", dependencies: ["Transcripts", "SamtalTestSupport"],
                    resources: [.copy("Resources")]),

        .testTarget(name: "TaggingTests", dependencies: ["Tagging", "SamtalTestSupport"]),

        .testTarget(name: "SummariesTests", dependencies: ["Summaries", "SamtalTestSupport"],
                    resources: [.copy("Resources")]),

        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "SamtalTestSupport"]),

        .testTarget(name: "SamtalCLITests", dependencies: ["SamtalTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
