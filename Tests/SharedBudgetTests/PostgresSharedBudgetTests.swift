import Foundation
import Testing
import PostgresStore
import Storage
import TestSupport

/// Two desks on one PostgreSQL database: two stores connected separately (two sessions). The
/// server is TestSupport's `PostgresTestServer` (BADGE_TEST_PG, or a private cluster); without
/// PostgreSQL installed each test says loudly that it was skipped.
@Suite struct PostgresSharedBudgetTests {
    static func withPair(_ what: String, _ body: (PostgresStore, PostgresStore) async throws -> Void) async throws {
        guard let server = try PostgresTestServer.requireOrSkip(what) else { return }
        let url = try server.createDatabase("budget")
        defer { try? server.dropDatabase(url: url) }
        let a = try PostgresStore.open(url: url, options: .init(desk: "desk-a", migrate: true, listen: false))
        let b = try PostgresStore.open(url: url, options: .init(desk: "desk-b", listen: false))
        try await body(a, b)
    }

    @Test func reservationsFromBothCountAgainstOneWindow() async throws {
        try await Self.withPair("shared budget: one window") { a, b in
            try await SharedBudgetScenarios.reservationsFromBothCountAgainstOneWindow(a, b)
        }
    }

    @Test func theSecondSeesWhatTheFirstSpent() async throws {
        try await Self.withPair("shared budget: what the second desk sees") { a, b in
            try await SharedBudgetScenarios.snapshotSeenByTheSecondReflectsTheFirstsUse(a, b)
        }
    }

    @Test func aHoldSetByOneHoldsTheOther() async throws {
        try await Self.withPair("shared budget: holds") { a, b in
            try await SharedBudgetScenarios.aHoldSetByOneHoldsTheOther(a, b)
        }
    }

    @Test func ledgerFollowsTheWindowRule() async throws {
        try await Self.withPair("shared budget: the window rule") { a, b in
            try SharedBudgetScenarios.ledgerFollowsTheWindowRule(a, b)
        }
    }

    /// Desks reserving at once never take the same last slot: 4 desks × 30 reservations on a
    /// budget of 100 per window → exactly 100 granted now, the rest refused (no wait allowed).
    @Test func concurrentDesksNeverOverbook() async throws {
        guard let server = try PostgresTestServer.requireOrSkip("shared budget: concurrent desks") else { return }
        let url = try server.createDatabase("budget")
        defer { try? server.dropDatabase(url: url) }
        _ = try PostgresStore.open(url: url, options: .init(desk: "init", migrate: true, listen: false))
        let desks = try (0..<4).map { try PostgresStore.open(url: url, options: .init(desk: "desk-\($0)", listen: false)) }
        let t0 = Date(timeIntervalSince1970: 1_750_000_000)
        let granted = try await withThrowingTaskGroup(of: Int.self) { group in
            for desk in desks {
                group.addTask {
                    var n = 0
                    for _ in 0..<30 {
                        if case .at = try desk.reserveRateSlot(account: "eventbrite:k", planned: 100, window: 3600,
                                                               now: t0, maxWait: 0) { n += 1 }
                    }
                    return n
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(granted == 100)
        #expect(try desks[0].rateUse(account: "eventbrite:k", window: 3600, now: t0).used == 100)
    }
}
