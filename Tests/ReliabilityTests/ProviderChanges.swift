import BadgeCore
import Foundation
import Simulator
import Testing

/// Changes made at the provider after an import (what a poll must pick up): new registrations,
/// an edit and a cancellation (Eventbrite), or new registrations and a provider check-in (Luma,
/// whose head scans see those; old-guest edits wait for its periodic full scan).
struct ProviderChanges {
    var added: [String] = []
    var edited: String?
    var cancelled: String?
    var checkedIn: String?

    static func make(_ f: ReliabilityFixture, _ event: Event, avoiding local: LocalWork = LocalWork(),
                     registrations: Int = 3) throws -> ProviderChanges {
        let ext = event.externalId
        let localIds = Set(try (local.vip + local.checkedIn).compactMap { try f.store.attendee(id: $0)?.providerAttendeeId })
        let attending = try f.simulator.attendees(event: ext)
            .filter { $0.status == .attending && $0.checkedInAt == nil && !localIds.contains($0.providerAttendeeId) }
            .map(\.providerAttendeeId).sorted()
        var changes = ProviderChanges()
        changes.added = try f.simulator.addRegistrations(event: ext, count: registrations)
        switch event.provider {
        case .eventbrite:
            changes.edited = attending[0]
            try f.simulator.edit(event: ext, attendee: attending[0], AttendeeEdit(name: "Edited Aftersync"))
            changes.cancelled = attending[1]
            try f.simulator.cancel(event: ext, attendee: attending[1])
        case .luma:
            changes.checkedIn = attending[0]
            try f.simulator.checkIn(event: ext, attendee: attending[0])
        }
        return changes
    }

    /// The database shows every change.
    func expectPickedUp(_ f: ReliabilityFixture, _ event: Event, _ context: String = "") throws {
        let rows = try f.rows(event.id)
        for id in added { #expect(rows[id] != nil, "new registration \(id) missing \(context)") }
        if let edited { #expect(rows[edited]?.name == "Edited Aftersync", "edit of \(edited) missed \(context)") }
        if let cancelled { #expect(rows[cancelled]?.status == .notAttending, "cancellation of \(cancelled) missed \(context)") }
        if let checkedIn {
            #expect(rows[checkedIn]?.isCheckedIn == true, "provider check-in of \(checkedIn) missed \(context)")
            #expect(rows[checkedIn]?.checkInSource == .provider, "\(context)")
        }
    }
}
