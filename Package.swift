// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode and the upcoming features
/// that keep imports and existentials explicit (STYLE.md §6, §3).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Homeostat",
    products: [
        .executable(name: "homeostat", targets: ["homeostat"]),
        .library(name: "Homeostat", targets: [
            "HomeostatCore", "HomeostatMarket", "HomeostatMechanisms", "HomeostatAgents",
            "HomeostatScenario", "HomeostatEngine", "HomeostatExperiments", "HomeostatReport", "HomeostatStore",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(name: "HomeostatCore", swiftSettings: swiftSettings),
        // Test support (golden files); used only by test targets.
        .target(name: "HomeostatTesting", swiftSettings: swiftSettings),
        .target(name: "HomeostatMarket", dependencies: ["HomeostatCore"], swiftSettings: swiftSettings),
        .target(name: "HomeostatMechanisms", dependencies: ["HomeostatCore", "HomeostatMarket"], swiftSettings: swiftSettings),
        .target(name: "HomeostatAgents", dependencies: ["HomeostatCore", "HomeostatMarket", "HomeostatMechanisms"], swiftSettings: swiftSettings),
        .target(
            name: "HomeostatScenario",
            dependencies: ["HomeostatCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings),
        // The world and the day: modules, phases and the schedule (DESIGN.md "Engine").
        .target(
            name: "HomeostatEngine",
            dependencies: ["HomeostatCore", "HomeostatMarket", "HomeostatMechanisms", "HomeostatAgents", "HomeostatScenario"],
            swiftSettings: swiftSettings),
        .target(
            name: "HomeostatExperiments",
            dependencies: ["HomeostatCore", "HomeostatMarket", "HomeostatMechanisms", "HomeostatAgents", "HomeostatScenario", "HomeostatEngine"],
            swiftSettings: swiftSettings),
        .target(
            name: "HomeostatReport",
            dependencies: ["HomeostatCore", "HomeostatEngine", "HomeostatExperiments", "HomeostatScenario"],
            swiftSettings: swiftSettings),
        // The results store: the only target that knows SQL. A leaf above Core, so a change
        // to the simulation layers never rebuilds GRDB and their tests never link it.
        .target(
            name: "HomeostatStore",
            dependencies: ["HomeostatCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "homeostat",
            dependencies: [
                "HomeostatCore", "HomeostatMarket", "HomeostatMechanisms", "HomeostatAgents", "HomeostatScenario",
                "HomeostatEngine", "HomeostatExperiments", "HomeostatReport", "HomeostatStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(name: "HomeostatCoreTests", dependencies: ["HomeostatCore"], swiftSettings: swiftSettings),
        .testTarget(name: "HomeostatMarketTests", dependencies: ["HomeostatCore", "HomeostatMarket"], swiftSettings: swiftSettings),
        .testTarget(name: "HomeostatMechanismsTests", dependencies: ["HomeostatCore", "HomeostatMechanisms"], swiftSettings: swiftSettings),
        .testTarget(
            name: "HomeostatAgentsTests",
            dependencies: ["HomeostatCore", "HomeostatMarket", "HomeostatMechanisms", "HomeostatAgents"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "HomeostatScenarioTests",
            // Engine: the built-in `mechanisms:` sections are its modules' (ScenarioFiles).
            dependencies: ["HomeostatCore", "HomeostatScenario", "HomeostatEngine"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "HomeostatExperimentsTests",
            dependencies: [
                "HomeostatCore", "HomeostatMarket", "HomeostatMechanisms", "HomeostatAgents", "HomeostatScenario", "HomeostatEngine",
                "HomeostatExperiments", "HomeostatReport",
            ],
            exclude: ["Replay"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "HomeostatReportTests",
            dependencies: ["HomeostatTesting", "HomeostatCore", "HomeostatEngine", "HomeostatExperiments", "HomeostatScenario", "HomeostatReport"],
            exclude: ["Golden"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "HomeostatStoreTests",
            dependencies: ["HomeostatTesting", "HomeostatCore", "HomeostatStore", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Golden"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "HomeostatCLITests",
            dependencies: ["homeostat"],
            swiftSettings: swiftSettings),
        // Seeded mutation fuzzing of the built binary (examples, replay scripts, sweeps);
        // bounded by HOMEOSTAT_FUZZ_SECONDS (default 60).
        .testTarget(
            name: "HomeostatFuzzTests",
            dependencies: ["homeostat"],
            swiftSettings: swiftSettings),
    ]
)
