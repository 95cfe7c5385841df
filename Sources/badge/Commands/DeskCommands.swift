import BadgeCore
import Foundation
import Printing
import ScreenKit
import Storage

/// SPEC §13 on the command line: `badge walkin`, `badge correct`, `badge note`. Each writes a
/// console-owned value no sync ever changes, audited with the operator.
enum DeskCommands {
    /// `badge walkin EVENT --name N [--email E] [--company C] [--ticket T] [--out FILE.pdf |
    /// --printer NAME] [--json]`: registers, checks in at once, prints when a destination is
    /// given or configured.
    static func walkIn(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        try ctx.authorize(.registerWalkIn)
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        let tickets = try store.stats(eventId: event.id).byTicket.map(\.ticketName).filter { !$0.isEmpty }
        var walkIn = WalkIn(name: ctx.parsed.option("name") ?? "", email: ctx.parsed.option("email"),
                            company: ctx.parsed.option("company"), ticketName: ctx.parsed.option("ticket"))
        if BadgeCorrections.normalized(walkIn.ticketName) == nil, tickets.count == 1 { walkIn.ticketName = tickets[0] }
        if let problem = walkIn.problem(ticketNames: tickets) { throw ctx.usage(problem) }
        let destination = try DeskPrinting.target(ctx)

        let now = Date()
        let added = try store.addWalkIn(eventId: event.id, walkIn, operatorName: ctx.operatorName, at: now)
        let name = Sanitizer.sanitize(added.name, maxWidth: 80)
        let outcome: CheckInOutcome
        do {
            outcome = try store.checkIn(attendeeId: added.id, action: .checkIn, operatorName: ctx.operatorName,
                                        station: try ctx.station(), at: now)
        } catch {
            throw CLIError.failed("walk-in \(name) registered (id \(added.id)) but the check-in was NOT saved: "
                                  + BadgeCLI.describe(error))
        }
        guard case .recorded(let checkedIn, _) = outcome else {
            throw CLIError.failed("walk-in \(name) registered (id \(added.id)) but not checked in")
        }
        var printed: String?
        if let destination {
            switch try DeskPrinting.print(ctx, store: store, event: event, attendee: checkedIn, to: destination) {
            case let .delivered(result, _):
                printed = PrintCommand.message(result, attendeeName: checkedIn.badgeName, printCount: 1)
            case let .queued(job, templateName, station):
                printed = DeskPrinting.queuedMessage(job, attendeeName: checkedIn.badgeName, templateName: templateName,
                                                     station: station)
            }
        }
        if ctx.wantsJSON {
            ctx.out.json(JSONOutput.attendee(try store.attendee(id: added.id) ?? checkedIn))
            if let printed { OutputWriter.note(printed) }
            return
        }
        let ticket = checkedIn.ticketName.map { ", ticket \(Sanitizer.sanitize($0, maxWidth: 60))" } ?? ""
        ctx.out.line("Walk-in \(name) registered (id \(added.id)\(ticket)) and checked in at "
                     + "\(ISO8601.format(checkedIn.checkedInAt ?? now)).")
        if let printed { ctx.out.line(printed) }
    }

    /// `badge correct EVENT ATTENDEE [--name N] [--company C] [--job-title T] [--pronouns P]
    /// [--clear FIELD[,FIELD…]] [--json]`.
    static func correct(_ ctx: CommandContext) throws {
        var changes: [(BadgeField, String?)] = []
        for field in BadgeField.allCases {
            if let value = ctx.parsed.option(field.cliName) {
                guard BadgeCorrections.normalized(value) != nil else {
                    throw ctx.usage("--\(field.cliName) needs a value (to remove a correction: --clear \(field.cliName))")
                }
                changes.append((field, value))
            }
        }
        for word in (ctx.parsed.option("clear") ?? "").split(separator: ",") {
            let w = word.trimmingCharacters(in: .whitespaces)
            guard let field = BadgeField(cliName: w) else {
                throw ctx.usage("--clear: no field '\(w)' (name, company, job-title, pronouns)")
            }
            if changes.contains(where: { $0.0 == field }) { throw ctx.usage("--\(field.cliName) and --clear \(field.cliName) together") }
            changes.append((field, nil))
        }
        if changes.isEmpty { throw ctx.usage("nothing to correct: give --name, --company, --job-title, --pronouns or --clear") }

        let store = try ctx.store()
        try ctx.authorize(.correctBadge)
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        var attendee = try Resolver.attendee(ctx.parsed.argument("ATTENDEE") ?? "", of: event, in: store)
        let now = Date()
        for (field, value) in changes {
            attendee = try store.setCorrection(attendeeId: attendee.id, field: field, value: value,
                                               operatorName: ctx.operatorName, at: now)
        }
        if ctx.wantsJSON {
            ctx.out.json(JSONOutput.attendee(attendee))
            return
        }
        for (field, _) in changes {
            ctx.out.line(correctionLine(attendee, field))
        }
    }

    /// "Name: Jon Smith (provider: John Smith)" / "Company: Acme (no correction)".
    static func correctionLine(_ a: Attendee, _ field: BadgeField) -> String {
        let shown = Sanitizer.sanitize(a.badgeValue(of: field) ?? "—", maxWidth: 120)
        let provider = a.providerValue(of: field).map { Sanitizer.sanitize($0, maxWidth: 120) }
        if a.corrections[field] != nil {
            return "\(field.label): \(shown)" + (field == .pronouns ? "" : " (provider: \(provider ?? "—"))")
        }
        return "\(field.label): \(shown) (no correction)"
    }

    /// `badge note EVENT ATTENDEE "text" [--json]`; an empty text clears the note.
    static func note(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        try ctx.authorize(.editNote)
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        let attendee = try Resolver.attendee(ctx.parsed.argument("ATTENDEE") ?? "", of: event, in: store)
        let text = ctx.parsed.argument("TEXT") ?? ""
        if text.count > 2000 { throw ctx.usage("a note holds at most 2000 characters") }
        let updated = try store.setNote(attendeeId: attendee.id, text, operatorName: ctx.operatorName, at: Date())
        if ctx.wantsJSON {
            ctx.out.json(JSONOutput.attendee(updated))
            return
        }
        let name = Sanitizer.sanitize(updated.badgeName, maxWidth: 80)
        if let note = updated.notes {
            ctx.out.line("Note on \(name) (id \(updated.id)): \(Sanitizer.sanitize(note, maxWidth: 200))")
        } else {
            ctx.out.line("Note on \(name) (id \(updated.id)) cleared.")
        }
    }
}
