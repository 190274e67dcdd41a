// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "incident",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "incident", targets: ["incident"]),
        .executable(name: "incident-hub", targets: ["incident-hub"]),
        .library(name: "IncidentCore", targets: ["IncidentCore"]),
        .library(name: "IncidentStore", targets: ["IncidentStore"]),
        .library(name: "IncidentSync", targets: ["IncidentSync"]),
        .library(name: "IncidentHTTPSync", targets: ["IncidentHTTPSync"]),
        .library(name: "IncidentServer", targets: ["IncidentServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
    ],
    targets: [
        .target(
            name: "IncidentCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "IncidentStore",
            dependencies: [
                "IncidentCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "IncidentSync",
            dependencies: ["IncidentCore", "IncidentStore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "IncidentHTTPSync",
            dependencies: [
                "IncidentCore", "IncidentStore", "IncidentSync",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "IncidentServer",
            dependencies: [
                "IncidentCore", "IncidentStore", "IncidentSync", "IncidentHTTPSync",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Every command, with no network stack: what the two programs share.
        .target(
            name: "IncidentCommandLine",
            dependencies: [
                "IncidentCore", "IncidentStore", "IncidentSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The program a maintainer types into. It links no HTTP stack, so it starts fast, and
        // hands `serve` and `sync URL` to `incident-hub`, built beside it by `swift build`. (Not
        // a dependency of this target: the package manager would link the hub's libraries in.)
        .executableTarget(name: "incident", dependencies: ["IncidentCommandLine"]),
        // The same commands, with HTTP: the server and the HTTP sync client.
        .executableTarget(
            name: "incident-hub",
            dependencies: [
                "IncidentCommandLine", "IncidentStore", "IncidentSync", "IncidentServer", "IncidentHTTPSync",
            ]
        ),
        .target(
            name: "IncidentTestSupport",
            dependencies: ["IncidentStore", "IncidentSync"],
            path: "Tests/IncidentTestSupport"
        ),
        .testTarget(
            name: "IncidentCoreTests",
            dependencies: ["IncidentCore", "IncidentTestSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "IncidentStoreTests",
            dependencies: ["IncidentStore", "IncidentTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "IncidentSyncTests",
            dependencies: ["IncidentSync", "IncidentTestSupport"]
        ),
        .testTarget(
            name: "IncidentServerTests",
            dependencies: [
                "IncidentServer", "IncidentHTTPSync", "IncidentTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "IncidentCLITests",
            dependencies: ["incident", "incident-hub", "IncidentCore", "IncidentCommandLine", "IncidentTestSupport"]
        ),
    ]
)
