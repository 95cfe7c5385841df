import BadgeCore
import Foundation
import Providers
import Simulator
import Storage
import Sync
import Testing

/// SPEC §9 reliability: a kill -9 of `badge events import` loses nothing committed (the database
/// is at a page boundary, with its checkpoint), and Retry completes with exactly the provider's
/// attendees.
@Suite(.serialized) struct CrashResumeTests {
    /// The child is held mid-import by the simulator, not by timing: its first 8 requests (event,
    /// page 1, pages 2–7 as the 4-wide window opens) are answered, every later one waits ten
    /// minutes, so however slowly the parent runs (a full parallel suite starves it for seconds)
    /// the child is still importing when it is killed. Earlier a 300 ms delay per request let the
    /// child finish — and clear its checkpoint — before a starved parent looked.
    @Test
    func killDashNineMidImportThenRetryEndsWithExactlyTheProvidersAttendees() async throws {
        let binary = Self.badgeExecutable
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "no badge binary at \(binary.path)")
        let f = try SyncFixture(attendees: 5_000, seed: 13)
        let db = f.dir.file("badge.sqlite")
        try f.store.saveIntegration(Integration(provider: .eventbrite, accountLabel: "Sim",
                                                credential: f.sim.credential(for: .eventbrite),
                                                baseURL: f.sim.baseURL(for: .eventbrite)))
        let externalId = try #require(f.sim.firstEventId(.eventbrite))
        f.simulator.injectFault(FaultRule(kind: .delay(ms: 1), next: 8, provider: .eventbrite))
        f.simulator.injectFault(FaultRule(kind: .delay(ms: 600_000), probability: 1, provider: .eventbrite))

        let child = Process()
        child.executableURL = binary
        child.arguments = ["events", "import", "eventbrite", externalId, "--db", db]
        let home = f.dir.file("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        child.environment = ["HOME": home, "XDG_DATA_HOME": home + "/data", "XDG_STATE_HOME": home + "/state",
                             "XDG_CONFIG_HOME": home + "/config", "LANG": "C.UTF-8",
                             "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        child.standardInput = FileHandle.nullDevice
        child.standardOutput = FileHandle.nullDevice
        let errPath = f.dir.file("child-stderr.txt")
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        child.standardError = FileHandle(forWritingAtPath: errPath)
        try child.run()

        // Wait until a few pages are committed with their checkpoint (bounded, not a timing check).
        var eventId: Int64?
        var checkpoint: ImportCheckpoint?
        for _ in 0..<4_800 where child.isRunning {
            if let event = try f.store.event(provider: .eventbrite, externalId: externalId) {
                eventId = event.id
                if let cp = try f.store.importCheckpoint(eventId: event.id), cp.pagesDone >= 3 {
                    checkpoint = cp
                    break
                }
            }
            try await Task.sleep(nanoseconds: 25_000_000)
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)
        let childErrors = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        let id = try #require(eventId, "the child never created the event: \(childErrors)")
        let cp = try #require(checkpoint, "the child never committed a page")

        // Nothing committed was lost, nothing half-written is visible: the event is PENDING with
        // its checkpoint, and rows match whole pages.
        let crashed = try #require(try f.store.event(id: id))
        #expect(crashed.syncStatus == .pending)
        let after = try #require(try f.store.importCheckpoint(eventId: id))
        #expect(after.pagesDone >= cp.pagesDone)
        let committed = try f.store.attendeeCount(AttendeeQuery(eventId: id))
        #expect(committed > 0)
        #expect(committed <= after.attendeesSoFar)

        // A console started now shows "Import failed" and does not resume by itself.
        let engine = f.makeEngine()
        #expect(EventAlert.for(crashed, importRunning: await engine.isImporting(eventId: id))?.title == "Import failed")
        await engine.pollDueEvents()
        #expect(try f.store.event(id: id)?.syncStatus == .pending)

        f.simulator.clearFaults()
        let result = try await engine.retry(eventId: id)
        #expect(result.syncStatus == .active)
        let done = try #require(try f.store.event(id: id))
        #expect(done.syncStatus == .active)
        let rows = try f.rows(id)
        let provider = try f.providerView(done)
        #expect(rows.count == provider.count)
        #expect(Set(rows.keys) == Set(provider.keys))
        for (key, p) in provider { #expect(rows[key]?.status == p.status) }
        #expect(try f.store.importCheckpoint(eventId: id) == nil)
        await engine.shutdown()
    }

    /// The `badge` executable SwiftPM built beside the test bundle, else `.build/debug/badge`.
    static let badgeExecutable: URL = {
        let bundle = Bundle.main.bundleURL
        for candidate in [bundle.appendingPathComponent("badge"), bundle.deletingLastPathComponent().appendingPathComponent("badge")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/badge")
    }()
}
