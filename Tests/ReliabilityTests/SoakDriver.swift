import BadgeCore
import Foundation
import Storage
import Testing

/// The desk during a soak: checks people in, toggles VIP and sometimes undoes its own check-in,
/// through the store like the console does, remembering every confirmed action so the end
/// state can be checked against it.
final class SoakDriver: @unchecked Sendable {
    struct CheckIn {
        var recordId: Int64
        var undone = false
    }

    let store: SQLiteStore
    let eventId: Int64
    private(set) var checkIns: [Int64: CheckIn] = [:]
    /// The VIP flag each touched attendee must end with.
    private(set) var vip: [Int64: Bool] = [:]
    private(set) var actions = 0
    private var random: SeededRandom

    init(store: SQLiteStore, eventId: Int64, seed: UInt64) {
        self.store = store
        self.eventId = eventId
        random = SeededRandom(seed: seed)
    }

    /// One desk action (check-in most of the time, a VIP toggle every 4th, an undo every 10th).
    func step() throws {
        actions += 1
        if actions % 10 == 0, let (id, entry) = checkIns.filter({ !$0.value.undone }).randomElement(using: &random) {
            if case .recorded = try store.checkIn(attendeeId: id, action: .undo, operatorName: "soak", station: "desk",
                                                  at: Date()) {
                checkIns[id] = CheckIn(recordId: entry.recordId, undone: true)
            }
            return
        }
        let total = try store.attendeeCount(AttendeeQuery(eventId: eventId, filter: .notCheckedIn))
        guard total > 0 else { return }
        let page = try store.attendees(AttendeeQuery(eventId: eventId, filter: .notCheckedIn,
                                                      offset: Int.random(in: 0..<total, using: &random), limit: 1))
        guard let row = page.first else { return }
        if actions % 4 == 0 {
            let on = !(vip[row.id] ?? row.vip)
            try store.setVIP(attendeeId: row.id, on, operatorName: "soak", at: Date())
            vip[row.id] = on
            return
        }
        guard checkIns[row.id] == nil, row.status == .attending else { return }
        if case .recorded(_, let record) = try store.checkIn(attendeeId: row.id, action: .checkIn, operatorName: "soak",
                                                             station: "desk", at: Date()) {
            checkIns[row.id] = CheckIn(recordId: record.id)
        }
    }

    /// Every VIP flag as set; every confirmed check-in in the log and current unless undone (an
    /// undone one may only be checked in again by the provider).
    func expectEverythingKept() throws {
        for (id, on) in vip { #expect(try store.attendee(id: id)?.vip == on, "VIP flag of #\(id) should be \(on)") }
        for (id, entry) in checkIns {
            let log = try store.checkInHistory(attendeeId: id)
            #expect(log.contains { $0.id == entry.recordId && $0.action == .checkIn && $0.operatorName == "soak" },
                    "check-in record \(entry.recordId) of #\(id) missing from the log")
            let row = try #require(try store.attendee(id: id))
            if entry.undone {
                #expect(log.contains { $0.action == .undo }, "undo of #\(id) missing from the log")
                #expect(!row.isCheckedIn || row.checkInSource == .provider, "undone check-in of #\(id) came back")
            } else {
                #expect(row.isCheckedIn, "confirmed check-in of #\(id) is no longer current")
            }
        }
    }
}

/// Resident memory of this process (VmRSS from /proc/self/status), in bytes; nil off Linux.
func residentMemory() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kb = line.split(separator: " ").compactMap({ Int($0) }).first else { return nil }
    return kb * 1024
}
