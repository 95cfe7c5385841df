import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// States of SPEC §13 for the snapshots: a card with a badge correction and a note, a scan
/// verdict with a note, the walk-in and correction forms.
enum DeskScene {
    static let now = F.now

    /// Alan Turing, his name and company corrected at the desk, pronouns set, with a note.
    static var corrected: Attendee {
        var a = F.rows[1]
        a.corrections = BadgeCorrections(name: "Alan M. Turing", company: "GCHQ", pronouns: "he/him")
        a.notes = "Speaker — bring to the green room before 10:00; allergic to nuts"
        return a
    }

    static func card(_ size: Size) -> AppState {
        var s = F.eventView(size: size, rows: [F.rows[0], corrected, F.rows[2], F.rows[3]])
        s.eventView!.moveCursor(to: 1)
        _ = update(&s, .key(.enter), now: now)
        _ = update(&s, .cardLoaded(corrected, history: [], prints: []), now: now)
        return s
    }

    static func verdict(_ size: Size) -> AppState {
        var s = F.eventView(size: size)
        _ = update(&s, .key(.char("s")), now: now)
        s.scan?.verdict = .ready(corrected)
        s.scan?.verdictAt = now.addingTimeInterval(-1)
        return s
    }

    /// The walk-in form with a name typed, on the email field, after a refused email.
    static func walkInForm(_ size: Size) -> AppState {
        var s = F.eventView(size: size)
        _ = update(&s, .key(.char("w")), now: now)
        for c in "Kim Lee" { _ = update(&s, .key(.char(c)), now: now) }
        _ = update(&s, .key(.tab), now: now)
        for c in "kim at example" { _ = update(&s, .key(.char(c)), now: now) }
        _ = update(&s, .key(.enter), now: now)
        return s
    }

    static func correctionForm(_ size: Size) -> AppState {
        var s = card(size)
        _ = update(&s, .key(.char("e")), now: now)
        return s
    }
}
