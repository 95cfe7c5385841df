import Foundation
import Testing
import Storage
import TestSupport

/// Two processes on one SQLite file: two stores opened separately on it (two connections).
@Suite struct SQLiteSharedBudgetTests {
    static func pair() throws -> (TemporaryDirectory, SQLiteStore, SQLiteStore) {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        return (dir, try SQLiteStore.open(path: path), try SQLiteStore.open(path: path))
    }

    @Test func reservationsFromBothCountAgainstOneWindow() async throws {
        let (dir, a, b) = try Self.pair()
        try await SharedBudgetScenarios.reservationsFromBothCountAgainstOneWindow(a, b)
        _ = dir
    }

    @Test func theSecondSeesWhatTheFirstSpent() async throws {
        let (dir, a, b) = try Self.pair()
        try await SharedBudgetScenarios.snapshotSeenByTheSecondReflectsTheFirstsUse(a, b)
        _ = dir
    }

    @Test func aHoldSetByOneHoldsTheOther() async throws {
        let (dir, a, b) = try Self.pair()
        try await SharedBudgetScenarios.aHoldSetByOneHoldsTheOther(a, b)
        _ = dir
    }

    @Test func ledgerFollowsTheWindowRule() throws {
        let (dir, a, b) = try Self.pair()
        try SharedBudgetScenarios.ledgerFollowsTheWindowRule(a, b)
        _ = dir
    }

    /// The budget survives the process: a store opened later on the file sees the window.
    @Test func aLaterProcessSeesTheWindow() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("badge.sqlite")
        let t0 = Date(timeIntervalSince1970: 1_750_000_000)
        do {
            let first = try SQLiteStore.open(path: path)
            for _ in 0..<3 { _ = try first.reserveRateSlot(account: "luma:k", planned: 160, window: 60, now: t0, maxWait: 1) }
        }
        let later = try SQLiteStore.open(path: path)
        #expect(try later.rateUse(account: "luma:k", window: 60, now: t0.addingTimeInterval(1)).used == 3)
    }
}
