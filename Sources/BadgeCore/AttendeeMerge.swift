import Foundation

/// The merge rules of SPEC §2.4 as one pure function: a provider attendee and the local row (if
/// any) give the row to store and what changed. Storage applies it per row inside the page's
/// transaction; nothing else decides how provider data meets local work.
public enum AttendeeMerge {
    /// A provider-owned field that a merge can change.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case name, firstName, lastName, email, company, jobTitle, ticketName, extraTickets, barcode
        case status, providerStatus, orderId, checkIn
    }

    /// What one merge did to a row; feeds the added/updated/cancelled/unchanged counts.
    public enum Change: Sendable, Hashable {
        case added
        case updated(Set<Field>)
        /// ATTENDING → NOT_ATTENDING (cancellation, refund, decline, vanished).
        case cancelled
        case unchanged
    }

    /// What one merge did to the attendee with this provider id.
    public typealias Outcome = (providerAttendeeId: String, change: Change)

    /// Merges `incoming` into `local` (nil = a new attendee of `eventId`).
    ///
    /// - Provider-owned fields update in place (rule 2); `vip`, notes, badge corrections, print count and local
    ///   check-ins are never touched (rule 3); a row that reappears is no longer missing.
    /// - Provider check-ins merge as source PROVIDER unless a local action at or after the
    ///   provider's check-in time exists (rule 6), so local undos are not resurrected; a provider
    ///   check-in that disappears clears only a PROVIDER-sourced check-in.
    public static func merge(_ incoming: ProviderAttendee, into local: Attendee?, eventId: Int64)
        -> (attendee: Attendee, change: Change)
    {
        guard let local else {
            var row = Attendee(eventId: eventId, providerAttendeeId: incoming.providerAttendeeId, name: "")
            copyProviderFields(incoming, into: &row)
            if let at = incoming.checkedInAt {
                row.checkedInAt = at
                row.checkInSource = .provider
            }
            return (row, .added)
        }

        // A walk-in is local (SPEC §13); no provider produces its id, but never let one touch it.
        if local.isWalkIn { return (local, .unchanged) }
        var row = local
        copyProviderFields(incoming, into: &row)
        row.missingFromProvider = false
        mergeCheckIn(providerCheckedInAt: incoming.checkedInAt, into: &row)

        var changed = Set<Field>()
        if row.name != local.name { changed.insert(.name) }
        if row.firstName != local.firstName { changed.insert(.firstName) }
        if row.lastName != local.lastName { changed.insert(.lastName) }
        if row.email != local.email { changed.insert(.email) }
        if row.company != local.company { changed.insert(.company) }
        if row.jobTitle != local.jobTitle { changed.insert(.jobTitle) }
        if row.ticketName != local.ticketName { changed.insert(.ticketName) }
        if row.extraTickets != local.extraTickets { changed.insert(.extraTickets) }
        if row.barcode != local.barcode { changed.insert(.barcode) }
        if row.status != local.status { changed.insert(.status) }
        if row.providerStatus != local.providerStatus { changed.insert(.providerStatus) }
        if row.orderId != local.orderId { changed.insert(.orderId) }
        if row.checkedInAt != local.checkedInAt || row.checkInSource != local.checkInSource {
            changed.insert(.checkIn)
        }

        if local.status == .attending && row.status == .notAttending { return (row, .cancelled) }
        if changed.isEmpty && !local.missingFromProvider { return (row, .unchanged) }
        return (row, .updated(changed))
    }

    /// Rule 5: a row a full resync no longer returns becomes NOT_ATTENDING, never deleted.
    /// Walk-ins are not at the provider by design: they stay as they are.
    public static func markMissing(_ local: Attendee) -> (attendee: Attendee, change: Change) {
        if local.isWalkIn { return (local, .unchanged) }
        var row = local
        row.missingFromProvider = true
        guard row.status != .notAttending else {
            return (row, local.missingFromProvider ? .unchanged : .updated([]))
        }
        row.status = .notAttending
        return (row, .cancelled)
    }

    static func copyProviderFields(_ p: ProviderAttendee, into row: inout Attendee) {
        row.orderId = p.orderId
        row.name = p.name
        row.firstName = p.firstName
        row.lastName = p.lastName
        row.email = p.email
        row.company = p.company
        row.jobTitle = p.jobTitle
        row.ticketName = p.ticketName
        row.extraTickets = p.extraTickets
        row.barcode = p.barcode
        row.status = p.status
        row.providerStatus = p.providerStatus
        row.providerCheckedInAt = p.checkedInAt
        row.providerChangedAt = p.changedAt
    }

    static func mergeCheckIn(providerCheckedInAt: Date?, into row: inout Attendee) {
        if let providerAt = providerCheckedInAt {
            if let localAt = row.lastLocalActionAt, localAt >= providerAt { return }  // local wins
            if row.checkedInAt == nil || row.checkInSource == .provider {
                row.checkedInAt = providerAt
                row.checkInSource = .provider
            }
            // Already checked in locally: keep the local check-in (time and source).
        } else if row.checkInSource == .provider {
            row.checkedInAt = nil
            row.checkInSource = nil
        }
    }
}
