// swift-tools-version: 6.1
// samtal's speed benchmarks: a separate package so that `make test` and CI never build them.
// Run from this folder: `swift package benchmark --target DSPBenchmarks` (or scripts/bench/dsp.sh).
import PackageDescription

let package = Package(
    name: "samtal-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        // `name:` so that targets can say package "samtal" whatever the checkout folder is called.
        .package(name: "samtal", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1",
                 traits: ["MallocInterposer"]),
    ],
    targets: [
        // A plain release executable timing the front end on a WAV file (scripts/bench/dsp.sh
        // runs it on a 1-hour file next to librosa).
        .executableTarget(
            name: "dsp-throughput",
            dependencies: [.product(name: "DSP", package: "samtal")],
            path: "Sources/dsp-throughput"
        ),
        .executableTarget(
            name: "DSPBenchmarks",
            dependencies: [
                .product(name: "DSP", package: "samtal"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/DSPBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
