// swift-tools-version:6.0
//
// Badge Console — a terminal check-in console for Eventbrite and Luma events.
//
// DEPENDENCY RULE (ARCHITECTURE.md §2). Keep it; a new edge is a design change that is
// recorded in DECISIONS.md first.
//
//   BadgeCore       → (nothing)                       pure domain, no I/O
//   ScreenKit       → (nothing)                       cells, width, sanitiser, themes
//   Storage         → BadgeCore, CSQLite              the only CSQLite user
//   PostgresStore   → BadgeCore, Storage, CLibpq      BadgeStore on PostgreSQL; the only CLibpq user
//   Providers       → BadgeCore                       the only URLSession file lives here
//   Simulator       → BadgeCore                       loopback provider simulator
//   Sync            → BadgeCore, Storage, Providers
//   Console         → BadgeCore, ScreenKit            pure update/render
//   TerminalCurses  → ScreenKit, CNcursesw            the only CNcursesw user
//   Printing        → BadgeCore                       templates, PDF, lp
//   Printers        → BadgeCore, Printing, Storage    printer addresses, transports (raw TCP, device file, lp),
//                                                     the print queue's worker and print stations (issue #16)
//   Auth            → BadgeCore, CCrypt               PIN hashes (system crypt); the only CCrypt user
//   badge           → everything but TestSupport (composition root, CLI, UI loop)
//   badge-bench     → everything (benchmark harness), TestSupport (the pseudo-terminal driver)
//   LocalPostgres   → (nothing)                       throwaway PostgreSQL servers (initdb/pg_ctl) for
//                                                     the tests, badge-bench and `badge demo --shared`
//   TestSupport     → BadgeCore, Providers, Storage, Simulator, LocalPostgres (test-only helpers)
//
// No Swift packages: Foundation, Dispatch, XCTest/Swift Testing and system C libraries only.

import PackageDescription

let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "BadgeConsole",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "badge", targets: ["badge"]),
        .executable(name: "badge-bench", targets: ["badge-bench"]),
    ],
    targets: [
        // System libraries (module maps + static inline shims; no pkgConfig).
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .systemLibrary(name: "CCrypt", path: "Sources/CCrypt"),
        .systemLibrary(name: "CLibpq", path: "Sources/CLibpq"),

        .target(name: "BadgeCore", swiftSettings: swift6),
        .target(name: "ScreenKit", swiftSettings: swift6),
        .target(name: "Storage", dependencies: ["BadgeCore", "CSQLite"], swiftSettings: swift6,
                linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "PostgresStore", dependencies: ["BadgeCore", "Storage", "CLibpq"], swiftSettings: swift6,
                linkerSettings: [.linkedLibrary("pq")]),
        .target(name: "Providers", dependencies: ["BadgeCore"], swiftSettings: swift6),
        .target(name: "Simulator", dependencies: ["BadgeCore"], swiftSettings: swift6),
        .target(name: "Sync", dependencies: ["BadgeCore", "Storage", "Providers"], swiftSettings: swift6),
        .target(name: "Console", dependencies: ["BadgeCore", "ScreenKit"], swiftSettings: swift6),
        .target(name: "TerminalCurses", dependencies: ["ScreenKit", "CNcursesw"], swiftSettings: swift6,
                linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(name: "Printing", dependencies: ["BadgeCore"], swiftSettings: swift6),
        .target(name: "Printers", dependencies: ["BadgeCore", "Printing", "Storage"], swiftSettings: swift6),
        .target(name: "Auth", dependencies: ["BadgeCore", "CCrypt"], swiftSettings: swift6,
                linkerSettings: [.linkedLibrary("crypt")]),
        .executableTarget(
            name: "badge",
            dependencies: ["BadgeCore", "ScreenKit", "Storage", "PostgresStore", "Providers", "Simulator", "Sync",
                           "Console", "TerminalCurses", "Printing", "Printers", "Auth", "LocalPostgres"],
            swiftSettings: swift6),
        .executableTarget(
            name: "badge-bench",
            dependencies: ["BadgeCore", "ScreenKit", "Storage", "PostgresStore", "Providers", "Simulator", "Sync",
                           "Console", "Printing", "CSQLite", "TestSupport"],
            swiftSettings: swift6),
        .target(name: "LocalPostgres", swiftSettings: swift6),
        .target(name: "TestSupport", dependencies: ["BadgeCore", "Providers", "Storage", "Simulator", "LocalPostgres"],
                swiftSettings: swift6),

        .testTarget(name: "BadgeCoreTests", dependencies: ["BadgeCore"], swiftSettings: swift6),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "PostgresStore", "BadgeCore", "TestSupport"], swiftSettings: swift6),
        .testTarget(name: "ProvidersTests", dependencies: ["Providers", "BadgeCore", "Simulator", "TestSupport", "ScreenKit"],
                    swiftSettings: swift6),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "BadgeCore", "TestSupport"], swiftSettings: swift6),
        .testTarget(name: "SyncTests", dependencies: ["Sync", "Storage", "Providers", "Simulator", "BadgeCore", "TestSupport"],
                    swiftSettings: swift6),
        .testTarget(name: "ScreenKitTests", dependencies: ["ScreenKit"], swiftSettings: swift6),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "ScreenKit", "BadgeCore"], swiftSettings: swift6),
        .testTarget(name: "PrintingTests", dependencies: ["Printing", "BadgeCore", "TestSupport"], swiftSettings: swift6),
        .testTarget(name: "PrintersTests",
                    dependencies: ["Printers", "Printing", "Storage", "PostgresStore", "BadgeCore", "TestSupport"],
                    swiftSettings: swift6),
        .testTarget(name: "AuthTests", dependencies: ["Auth"], swiftSettings: swift6),
        .testTarget(name: "SharedBudgetTests",
                    dependencies: ["Sync", "Storage", "PostgresStore", "Providers", "Simulator", "BadgeCore", "TestSupport"],
                    swiftSettings: swift6),
        .testTarget(name: "ReliabilityTests",
                    dependencies: ["Sync", "Storage", "Providers", "Simulator", "BadgeCore", "TestSupport"],
                    swiftSettings: swift6),
        .testTarget(name: "PostgresStoreTests", dependencies: ["PostgresStore", "Storage", "BadgeCore", "TestSupport"],
                    swiftSettings: swift6),
        .testTarget(name: "StoreContractTests", dependencies: ["BadgeCore", "Storage", "PostgresStore", "TestSupport"],
                    swiftSettings: swift6),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "BadgeCore"], swiftSettings: swift6),
        // Issue #14's proofs: several desks on one PostgreSQL database (real servers, real `badge`).
        .testTarget(name: "SharedStoreTests",
                    dependencies: ["PostgresStore", "Storage", "Sync", "Providers", "Simulator", "BadgeCore", "TestSupport"],
                    swiftSettings: swift6),
    ]
)
