import BadgeCore
import Foundation
import Testing

/// Console-owned work done at the desk while an event is in trouble (VIP flags, local
/// check-ins): recorded before a recovery, checked after it (SPEC §2.4 rule 3).
struct LocalWork {
    var vip: [Int64] = []
    var checkedIn: [Int64] = []

    /// Flags two attending rows VIP and checks two in (one of them both), through the store.
    static func record(in f: ReliabilityFixture, event: Event) throws -> LocalWork {
        let rows = try f.rowList(event.id).filter { $0.status == .attending && !$0.isCheckedIn }
            .sorted { $0.providerAttendeeId < $1.providerAttendeeId }
        try #require(rows.count >= 3, "too few rows to record local work")
        var work = LocalWork()
        for row in [rows[0], rows[1]] {
            try f.store.setVIP(attendeeId: row.id, true, operatorName: "lead", at: Date())
            work.vip.append(row.id)
        }
        for row in [rows[1], rows[2]] {
            let outcome = try f.store.checkIn(attendeeId: row.id, action: .checkIn, operatorName: "desk", station: "door",
                                              at: Date())
            guard case .recorded = outcome else { Issue.record("check-in refused: \(outcome)"); continue }
            work.checkedIn.append(row.id)
        }
        return work
    }

    func expectIntact(in f: ReliabilityFixture, _ context: String = "") throws {
        for id in vip { #expect(try f.store.attendee(id: id)?.vip == true, "VIP flag of #\(id) lost \(context)") }
        for id in checkedIn {
            let row = try f.store.attendee(id: id)
            #expect(row?.isCheckedIn == true, "check-in of #\(id) lost \(context)")
            #expect(row?.checkInSource == .local, "check-in of #\(id) no longer local \(context)")
            #expect(try f.store.checkInHistory(attendeeId: id).count == 1, "check-in log of #\(id) changed \(context)")
        }
    }
}
