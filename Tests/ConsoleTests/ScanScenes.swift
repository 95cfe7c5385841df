import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// The scanning line's verdicts, as a desk sees them (for the snapshot tests).
enum ScanScene {
    static let names = ["ready", "checkedIn", "alreadyCheckedIn", "notAttending", "unknownCode", "otherEvent"]

    /// The scan screen with `name`'s verdict, an earlier verdict below it, at `size`.
    static func state(_ name: String, size: Size) -> AppState {
        var s = F.eventView(size: size)
        s.deskName = "Door A"
        _ = update(&s, .key(.char("s")), now: F.now)
        // An earlier person, so "Before" shows.
        _ = update(&s, .scanned("BC3"), now: F.now.addingTimeInterval(-20))
        _ = update(&s, .scanLookedUp(code: "BC3", .found(F.rows[2], lastCheckIn: nil)), now: F.now.addingTimeInterval(-20))
        var ada = F.rows[0]
        switch name {
        case "ready":
            scan(&s, "BC2", .found(F.rows[1], lastCheckIn: nil))
        case "checkedIn":
            s.expressScan = true
            scan(&s, "BC2", .found(F.rows[1], lastCheckIn: nil))
            var alan = F.rows[1]
            alan.checkedInAt = F.now
            _ = update(&s, .checkInRecorded(attendeeId: 2, .recorded(alan, CheckInRecord(
                attendeeId: 2, at: F.now, action: .checkIn, operatorName: "ada", station: "Door A"))), now: F.now)
            _ = update(&s, .printed(attendeeId: 2, template: "Default",
                                    delivery: PrintDelivery(.printer(queue: "Zebra_GK420d"))), now: F.now)
        case "alreadyCheckedIn":
            ada.checkedInAt = F.now.addingTimeInterval(-86_400 - 3_600)
            scan(&s, "BC1", .found(ada, lastCheckIn: CheckInRecord(attendeeId: 1, at: ada.checkedInAt!, action: .checkIn,
                                                                  operatorName: "bob", station: "Door B")))
        case "notAttending":
            scan(&s, "BC4", .found(F.rows[3], lastCheckIn: nil))
        case "unknownCode":
            scan(&s, "https://lu.ma/check-in/evt-zz?pk=g-nobody", .unknown, code: "g-nobody")
        default:
            scan(&s, "BC77", .otherEvent(eventName: "Swift Meetup"))
        }
        return s
    }

    static func scan(_ s: inout AppState, _ raw: String, _ lookup: ScanLookup, code: String? = nil) {
        _ = update(&s, .scanned(raw), now: F.now)
        _ = update(&s, .scanLookedUp(code: code ?? raw, lookup), now: F.now)
    }
}
