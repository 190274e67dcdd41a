// swift-tools-version:6.1
// The benchmark runner, a package of its own so `swift test` at the root never builds it.
// Run from this folder: `swift package benchmark` (see README.md).
import Foundation
import PackageDescription

/// The root package's identity: its folder's name, whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "IncidentBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "ReplicaBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "IncidentStore", package: root),
                .product(name: "IncidentSync", package: root),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            path: "Benchmarks/ReplicaBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "sqlite-floor",
            dependencies: [.product(name: "GRDBSQLite", package: "GRDB.swift")],
            path: "Floor"
        ),
    ]
)
