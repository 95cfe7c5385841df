import Foundation
import BadgeCore

/// The self check-in kiosk (`badge kiosk EVENT`, SPEC §13): an attendee-facing screen that only
/// ever shows the person who scanned their ticket or typed their last name and email.
public struct KioskState: Sendable, Hashable {
    /// Which field of the typed lookup has the cursor.
    public enum Field: Sendable, Hashable { case lastName, email }

    public var eventId: Int64
    public var phase: KioskPhase
    public var lastName: String
    public var email: String
    public var field: Field
    /// The scanned code whose lookup is awaited (a later scan replaces it).
    public var pendingCode: String?
    /// The print result for the person on screen.
    /// The person's own badge as it will print (SPEC §13), once it has come.
    public var preview: BadgePreview?
    public var printNote: String?
    /// The last key, scan or result the kiosk saw: 20 s (`idleSeconds`) later it resets.
    public var lastActivity: Date
    public var idleSeconds: TimeInterval

    public init(eventId: Int64, now: Date, idleSeconds: TimeInterval = kioskIdleSeconds) {
        self.eventId = eventId
        self.phase = .welcome
        self.lastName = ""
        self.email = ""
        self.field = .lastName
        self.pendingCode = nil
        self.printNote = nil
        self.lastActivity = now
        self.idleSeconds = idleSeconds
    }

    /// True when there is nothing of anyone on screen (the welcome screen with empty fields).
    public var isAtRest: Bool { phase == .welcome && lastName.isEmpty && email.isEmpty }

    /// The attendee on screen, if any.
    public var attendee: Attendee? {
        switch phase {
        case .confirm(let a), .checkingIn(let a), .done(let a): return a
        default: return nil
        }
    }
}

/// The kiosk's idle reset (SPEC §13).
public let kioskIdleSeconds: TimeInterval = 20

/// Where the kiosk is.
public enum KioskPhase: Sendable, Hashable {
    /// "Scan your ticket, or press Enter to type your last name and email".
    case welcome
    /// Typing last name and email.
    case form
    /// A scan or typed lookup is being looked up.
    case lookingUp
    /// Found and not checked in yet: the person's own badge info; Enter prints and checks in.
    case confirm(Attendee)
    /// Enter was pressed: the check-in is being committed.
    case checkingIn(Attendee)
    /// Checked in (the badge prints).
    case done(Attendee)
    /// Nothing the kiosk can do for this person: the reason, and "please ask at the desk".
    case askAtDesk(KioskRefusal)
}

/// Why the kiosk sends someone to the desk. Never names anyone: the kiosk shows no one's data
/// but the person's own, and only once they proved who they are.
public enum KioskRefusal: String, Sendable, Hashable {
    case notFound, ambiguous, alreadyCheckedIn, notAttending, otherEvent, unreadable, failed

    public var headline: String {
        switch self {
        case .notFound: return "We could not find your registration"
        case .ambiguous: return "We could not tell your registration apart"
        case .alreadyCheckedIn: return "This ticket is already checked in"
        case .notAttending: return "This ticket cannot be checked in here"
        case .otherEvent: return "This ticket is for another event"
        case .unreadable: return "This code could not be read"
        case .failed: return "Something went wrong"
        }
    }
}

/// The reply to `Effect.kioskLookup`: one attendee matched both last name and email, none did,
/// or several did (the kiosk never lists candidates).
public enum KioskLookup: Sendable, Hashable {
    case found(Attendee)
    case noMatch
    case ambiguous
}

/// The typed lookup's rule, pure: the email must be equal (case-insensitive, surrounding spaces
/// ignored) and the last name must equal the attendee's last name — or, when the provider gave
/// none, the last word of the name — case-, accent- and width-insensitively.
public enum KioskMatch {
    public static func match(_ candidates: [Attendee], lastName: String, email: String) -> KioskLookup {
        let wantedEmail = normalizedEmail(email)
        let wantedName = AttendeeSearch.normalize(lastName.trimmingCharacters(in: .whitespaces))
        guard !wantedEmail.isEmpty, !wantedName.isEmpty else { return .noMatch }
        let hits = candidates.filter { a in
            guard let e = a.email, normalizedEmail(e) == wantedEmail else { return false }
            return lastNames(of: a).contains(wantedName)
        }
        switch hits.count {
        case 0: return .noMatch
        case 1: return .found(hits[0])
        default: return .ambiguous
        }
    }

    /// The email as compared: trimmed and lower-cased.
    public static func normalizedEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The spellings of a last name the kiosk accepts for `a`, folded.
    static func lastNames(of a: Attendee) -> Set<String> {
        var out = Set<String>()
        if let last = a.lastName?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            out.insert(AttendeeSearch.normalize(last))
        }
        if let word = a.name.split(whereSeparator: { $0.isWhitespace }).last {
            out.insert(AttendeeSearch.normalize(String(word)))
        }
        return out
    }
}
