import Foundation
import Testing
import BadgeCore
import Providers
import Simulator
import TestSupport

/// Both clients over real loopback HTTP (URLSessionTransport) against the provider simulator.
@Suite(.serialized) struct SimulatorLoopbackTests {
    /// Fast retries on the real clock (short sleeps only).
    static let retry = RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.05, maxWait: 5)

    static func eventbrite(_ sim: SimulatorHarness, token: String? = nil) -> EventbriteClient {
        EventbriteClient(baseURL: URL(string: sim.eventbriteBaseURL)!, token: token ?? sim.credential(for: .eventbrite),
                         transport: URLSessionTransport(), limit: .unlimited, retry: retry)
    }

    static func luma(_ sim: SimulatorHarness, key: String? = nil) -> LumaClient {
        LumaClient(baseURL: URL(string: sim.lumaBaseURL)!, apiKey: key ?? sim.credential(for: .luma),
                   transport: URLSessionTransport(), limit: .unlimited, retry: retry)
    }

    static func scan(_ client: any ProviderClient, _ event: String) async throws -> PageLog {
        let log = PageLog()
        try await client.fullScan(eventExternalId: event, resumeCursor: nil) { log.append($0) }
        return log
    }

    /// Compares what the client mapped with the simulator's own view of a correct mapping. The
    /// simulator's view keeps whole seconds while its Luma JSON carries milliseconds, so times
    /// are compared to the second. Luma has no "changed" field on the wire (the client maps
    /// `registered_at`), so `ignoringChangedAt` leaves that field out for Luma.
    static func expectSameAttendees(_ mine: [ProviderAttendee], _ truth: [ProviderAttendee],
                                    ignoringChangedAt: Bool = false) {
        func seconds(_ date: Date?) -> Date? { date.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) } }
        let truth = truth.map { a -> ProviderAttendee in
            var a = a
            a.changedAt = ignoringChangedAt ? nil : seconds(a.changedAt)
            a.checkedInAt = seconds(a.checkedInAt)
            return a
        }
        let mine = mine.map { a -> ProviderAttendee in
            var a = a
            a.changedAt = ignoringChangedAt ? nil : seconds(a.changedAt)
            a.checkedInAt = seconds(a.checkedInAt)
            return a
        }
        #expect(mine.count == truth.count)
        #expect(Set(mine.map(\.providerAttendeeId)).count == mine.count)  // no duplicates
        let expected = Dictionary(uniqueKeysWithValues: truth.map { ($0.providerAttendeeId, $0) })
        let mismatches = mine.filter { $0 != expected[$0.providerAttendeeId] }
        let first = mismatches.first.map { mine -> String in
            guard let truth = expected[mine.providerAttendeeId] else { return "\(mine.providerAttendeeId) unknown to the provider" }
            let a = Mirror(reflecting: mine).children.map { "\($0.label ?? ""): \($0.value)" }
            let b = Mirror(reflecting: truth).children.map { "\($0.label ?? ""): \($0.value)" }
            return zip(a, b).filter { $0 != $1 }.map { "\($0) ≠ \($1)" }.joined(separator: "; ")
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(first ?? "")")
    }

    @Test func eventbriteImportMatchesTheProvider() async throws {
        try await SimulatorHarness.with(SimulatorConfig(attendees: 230, events: 1)) { sim in
            let client = Self.eventbrite(sim)
            #expect(try await client.whoAmI().contains("<"))
            let events = try await client.availableEvents()
            let event = try #require(sim.firstEventId(.eventbrite))
            #expect(events.map(\.externalId).contains(event))
            #expect(try await client.event(externalId: event).externalId == event)
            let log = try await Self.scan(client, event)
            Self.expectSameAttendees(log.attendees, try sim.simulator.attendees(event: event))
            #expect(log.pages.map(\.pageNumber) == Array(1...log.pages.count))
            #expect(log.pages.last?.nextCursor == nil)
        }
    }

    @Test func lumaImportMatchesTheProvider() async throws {
        try await SimulatorHarness.with(SimulatorConfig(attendees: 130, events: 1)) { sim in
            let client = Self.luma(sim)
            #expect(!(try await client.whoAmI()).isEmpty)
            let event = try #require(sim.firstEventId(.luma))
            #expect(try await client.availableEvents().map(\.externalId).contains(event))
            #expect(try await client.event(externalId: event).externalId == event)
            let log = try await Self.scan(client, event)
            Self.expectSameAttendees(log.attendees, try sim.simulator.attendees(event: event), ignoringChangedAt: true)
        }
    }

    @Test func faultsAreRetriedAndTheImportCompletes() async throws {
        try await SimulatorHarness.with(SimulatorConfig(attendees: 300, events: 1)) { sim in
            for kind: FaultRule.Kind in [.truncated, .malformed, .reset, .status(500, body: nil), .status(503, body: nil)] {
                sim.simulator.injectFault(FaultRule(kind: kind, next: 1, pathContains: "/orders/"))
            }
            let event = try #require(sim.firstEventId(.eventbrite))
            let log = try await Self.scan(Self.eventbrite(sim), event)
            Self.expectSameAttendees(log.attendees, try sim.simulator.attendees(event: event))
        }
    }

    @Test func revokedCredentialsAreUnauthorized() async throws {
        try await SimulatorHarness.with { sim in
            sim.simulator.revokeCredential(.eventbrite)
            sim.simulator.revokeCredential(.luma)
            let eventbrite = await providerError { _ = try await Self.eventbrite(sim).whoAmI() }
            #expect(eventbrite?.kind == "unauthorized")
            let luma = await providerError { _ = try await Self.luma(sim).whoAmI() }
            #expect(luma?.kind == "unauthorized")
            let wrong = await providerError { _ = try await Self.eventbrite(sim, token: "not-the-token").whoAmI() }
            #expect(wrong?.kind == "unauthorized")
            #expect(wrong.map { !$0.description.contains("not-the-token") } == true)
        }
    }

    @Test func eventbritePollsSeeNewRegistrationsAndCancellations() async throws {
        try await SimulatorHarness.with(SimulatorConfig(attendees: 80, events: 1)) { sim in
            let client = Self.eventbrite(sim)
            let event = try #require(sim.firstEventId(.eventbrite))
            let log = try await Self.scan(client, event)
            let cursor = try #require(client.changeCursor(after: log.attendees))
            #expect(cursor == EventbriteClient.changeCursor(for: log.attendees))
            let quiet = try await client.changes(eventExternalId: event, since: cursor)
            #expect(quiet.attendees.count < 10)  // boundary items only

            let added = try sim.simulator.addRegistrations(event: event, count: 3)
            let victim = try #require(log.attendees.first { $0.status == .attending })
            try sim.simulator.cancel(event: event, attendee: victim.providerAttendeeId)
            let changes = try await client.changes(eventExternalId: event, since: quiet.cursor)
            let ids = Set(changes.attendees.map(\.providerAttendeeId))
            #expect(ids.isSuperset(of: Set(added)))
            #expect(changes.attendees.first { $0.providerAttendeeId == victim.providerAttendeeId }?.status == .notAttending)
        }
    }

    @Test func lumaPollsSeeNewRegistrationsAndProviderCheckIns() async throws {
        try await SimulatorHarness.with(SimulatorConfig(attendees: 120, events: 1)) { sim in
            let client = Self.luma(sim)
            let event = try #require(sim.firstEventId(.luma))
            let log = try await Self.scan(client, event)
            let cursor = try #require((client as any ProviderClient).changeCursor(after: log.attendees))
            let before = sim.simulator.requestCounts().total
            let quiet = try await client.changes(eventExternalId: event, since: cursor)
            #expect(sim.simulator.requestCounts().total - before == 2)
            #expect(quiet.attendees.count < 10)

            let added = try sim.simulator.addRegistrations(event: event, count: 2)
            let guest = try #require(log.attendees.first { $0.checkedInAt == nil && $0.status == .attending })
            try sim.simulator.checkIn(event: event, attendee: guest.providerAttendeeId)
            let changes = try await client.changes(eventExternalId: event, since: quiet.cursor)
            let ids = Set(changes.attendees.map(\.providerAttendeeId))
            #expect(ids.isSuperset(of: Set(added)))
            #expect(changes.attendees.first { $0.providerAttendeeId == guest.providerAttendeeId }?.checkedInAt != nil)
        }
    }

    @Test func lumaRateLimitIsHonoured() async throws {
        try await SimulatorHarness.with(SimulatorConfig(attendees: 60, events: 1, lumaRateLimit: 2, lumaRateWindowSeconds: 1)) { sim in
            let client = Self.luma(sim)
            for _ in 0..<4 { _ = try await client.whoAmI() }  // waits out the 1 s window instead of failing
            #expect(await client.requestCount() >= 4)
        }
    }
}
