import BadgeCore
import Foundation
import Storage

/// A database that uses every table `badge db copy` moves: an integration, an imported event
/// (with an import checkpoint and held cancellations), check-ins with an undo and a forced one,
/// VIP flags, prints, templates, members (optional: with members the CLI asks for a PIN), audit
/// lines, a PIN attempt, and a second event whose personal data was purged.
enum CopySeed {
    static let externalId = "51660376577"

    /// Creates the database at `path`; returns the imported event's id.
    @discardableResult
    static func create(at path: String, attendees count: Int = 40, members: Bool = true,
                       externalId: String = externalId) throws -> Int64 {
        let store = try SQLiteStore.open(path: path)
        let t0 = Date(timeIntervalSince1970: 1_773_475_200)
        let integration = try store.saveIntegration(Integration(
            provider: .eventbrite, accountLabel: "Org <org@example.com>", credential: "tok-SECRET-1234",
            baseURL: "http://127.0.0.1:9/v3", connectedAt: t0))
        let event = try store.createEvent(Event(
            integrationId: integration.id, provider: .eventbrite, externalId: externalId, name: "Swift Summit 2026",
            startsAt: t0, timezone: "Europe/Paris", syncStatus: .active, accessCode: "ABC123", lastSyncedAt: t0,
            createdAt: t0))
        var people = SeededDatabase.attendees
        for i in 0..<max(0, count - people.count) {
            people.append(ProviderAttendee(
                providerAttendeeId: "P\(i)", orderId: "O\(i / 3)", name: "Guest \(i) Ünïcødé", firstName: "Guest",
                lastName: "\(i)", email: "guest\(i)@example.com", company: i % 4 == 0 ? nil : "Company \(i % 7)",
                jobTitle: i % 5 == 0 ? "CTO" : nil, ticketName: i % 3 == 0 ? "VIP" : "General Admission",
                barcode: "B\(100_000 + i)", status: i % 11 == 0 ? .notAttending : .attending,
                providerStatus: i % 11 == 0 ? "refunded" : "Attending"))
        }
        let checkpoint = ImportCheckpoint(eventId: event.id, cursor: "cursor-2", pagesDone: 1,
                                          attendeesSoFar: people.count, pagesTotal: 2, startedAt: t0, updatedAt: t0)
        _ = try store.applyPage(eventId: event.id, attendees: people, checkpoint: checkpoint, now: t0)
        try store.setHeldCancellation(eventId: event.id, HeldCancellation(count: 7, attending: 30, detectedAt: t0))

        let ids = try store.attendees(AttendeeQuery(eventId: event.id, limit: 1000)).map(\.id).sorted()
        for (n, id) in ids.prefix(12).enumerated() {
            let at = t0.addingTimeInterval(Double(60 * n))
            _ = try store.checkIn(attendeeId: id, action: .checkIn, operatorName: "ana", station: "door-a", at: at)
        }
        _ = try store.checkIn(attendeeId: ids[1], action: .undo, operatorName: "ana", station: "door-a",
                              at: t0.addingTimeInterval(900))
        _ = try store.checkIn(attendeeId: ids[2], action: .forceCheckIn, operatorName: "bo", station: "door-b",
                              at: t0.addingTimeInterval(901))
        try store.setVIP(attendeeId: ids[3], true, operatorName: "ana", at: t0.addingTimeInterval(902))
        try store.setVIP(attendeeId: ids[4], true, operatorName: "ana", at: t0.addingTimeInterval(903))
        try store.setVIP(attendeeId: ids[4], false, operatorName: "ana", at: t0.addingTimeInterval(904))
        for id in ids.prefix(3) {
            try store.recordPrint(PrintRecord(attendeeId: id, at: t0.addingTimeInterval(905), templateName: "Default",
                                              output: "/tmp/badge-\(id).pdf", operatorName: "ana"))
        }
        let name = "field first_name x=0.2 y=0.5 w=2.6 h=0.7 size=30\n"
        try store.saveTemplate(BadgeTemplate(eventId: event.id, name: "Default", layout: "size 4x3in\n" + name))
        try store.saveTemplate(BadgeTemplate(
            eventId: event.id, name: "VIP gold", ticketNames: ["VIP"], isVIPVariant: true,
            layout: "size 4x3in\ntext \"★ VIP\" x=0.2 y=0 w=3.6 h=0.35 size=11\n" + name))
        if members {
            try store.saveMember(Member(name: "Ana", role: .admin, pinHash: "$6$seed$not-a-real-hash"))
            try store.saveMember(Member(name: "Bo", role: .staff, pinHash: "$6$seed$another"))
            try store.recordPINFailure(subject: "member:bo", at: t0, backoff: PINBackoff())
        }
        try store.recordAudit(operatorName: "ana", action: "cli.note", detail: "line with 'quotes' and \"more\"", at: t0)

        // A second event, purged: anonymised rows and its purge mark.
        let old = try store.createEvent(Event(
            provider: .luma, externalId: "evt-old", name: "Old meetup", syncStatus: .active, accessCode: "OLD999",
            createdAt: t0))
        _ = try store.applyPage(eventId: old.id, attendees: Array(people.prefix(5)), checkpoint: nil, now: t0)
        _ = try store.purgePersonalData(eventId: old.id, at: t0.addingTimeInterval(1000))
        return event.id
    }

    /// Every table's rows of a SQLite file, each value as SQLite's `quote()` spells it (so the
    /// type counts as well as the value), ordered by the first column (id or key).
    static func dump(_ path: String) throws -> [String: [String]] {
        let db = try Database(path: path, flags: 0x01)  // SQLITE_OPEN_READONLY
        var tables: [String] = []
        try db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .forEachRow { tables.append($0.text(0)) }
        var result: [String: [String]] = [:]
        for table in tables {
            var columns: [String] = []
            try db.prepare("PRAGMA table_info(\"\(table)\")").forEachRow { columns.append($0.text(1)) }
            let list = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
            var rows: [String] = []
            try db.prepare("SELECT \(list) FROM \"\(table)\" ORDER BY 1").forEachRow { rows.append($0.text(0)) }
            result[table] = rows
        }
        return result
    }
}
