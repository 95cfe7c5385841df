import BadgeCore
import Foundation
import ScreenKit

/// `badge checkin` (check in, undo, force, by barcode) and `badge vip`.
enum CheckInCommand {
    static func checkIn(_ ctx: CommandContext) throws {
        let barcode = ctx.parsed.option("barcode")
        let attendeeText = ctx.parsed.argument("ATTENDEE")
        if barcode != nil && attendeeText != nil { throw ctx.usage("give ATTENDEE or --barcode, not both") }
        if barcode == nil && attendeeText == nil { throw ctx.usage("missing ATTENDEE (or --barcode CODE)") }
        let action: CheckInAction = ctx.parsed.flag("undo") ? .undo : ctx.parsed.flag("force") ? .forceCheckIn : .checkIn
        let permission: OperatorAction = action == .undo ? .undoCheckIn : action == .forceCheckIn ? .forceCheckIn : .checkIn

        let store = try ctx.store()
        try ctx.authorize(permission)
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        let attendee: Attendee
        if let barcode {
            guard let code = ScannedCode(barcode),
                  let found = try store.attendee(eventId: event.id, barcode: code.lookupValue)
            else { throw CLIError.failed("Attendee not found: no attendee with code '\(barcode)' in event \(event.id)") }
            attendee = found
        } else {
            attendee = try Resolver.attendee(attendeeText ?? "", of: event, in: store)
        }

        let wantsPrint = ctx.parsed.flag("print")
        let printTarget = wantsPrint ? try DeskPrinting.target(ctx) : nil
        if wantsPrint, printTarget == nil {
            throw ctx.usage("--print needs --printer ADDRESS, --print-station NAME or --out FILE.pdf "
                            + "(or printer/print_station in the config file)")
        }
        if !wantsPrint, ctx.parsed.option("printer") != nil || ctx.parsed.option("print-station") != nil
            || ctx.parsed.option("out") != nil {
            throw ctx.usage("--printer, --print-station and --out go with --print")
        }
        let now = Date()
        let name = Sanitizer.sanitize(attendee.badgeName)
        let station = try ctx.station()
        let outcome: CheckInOutcome
        do {
            outcome = try store.checkIn(attendeeId: attendee.id, action: action, operatorName: ctx.operatorName,
                                        station: station, at: now)
        } catch {
            // Never leave any doubt at a door: the record is not in the log.
            throw CLIError.failed("check-in of \(name) NOT saved: \(BadgeCLI.describe(error))")
        }
        switch outcome {
        case .recorded(let updated, let record):
            let when = ISO8601.format(record.at)
            switch action {
            case .checkIn: ctx.out.line("Checked in \(name) (id \(updated.id)) at \(when).")
            case .forceCheckIn: ctx.out.line("Force-checked in \(name) (id \(updated.id)) at \(when).")
            case .undo: ctx.out.line("Undid the check-in of \(name) (id \(updated.id)).")
            }
            if let printTarget, action != .undo {
                do {
                    try PrintCommand.report(ctx, try DeskPrinting.print(ctx, store: store, event: event, attendee: updated,
                                                                        to: printTarget),
                                            store: store, attendee: updated)
                } catch CLIError.failed(let reason) {
                    // SPEC §10: a failed print after a check-in says the check-in was recorded.
                    throw CLIError.failed("the check-in of \(name) was recorded, but the badge did not print: \(reason)")
                }
            }
        case .alreadyCheckedIn(let at, let by):
            throw CLIError.failed("\(name) is already checked in at \(ISO8601.format(at)) by \(by) "
                                  + "(reprint the badge: badge print \(event.id) \(attendee.id))")
        case .notAttending:
            let raw = attendee.providerStatus.map { " (provider status: \($0))" } ?? ""
            throw CLIError.failed("\(name) is NOT_ATTENDING\(raw); use --force to check in anyway")
        case .nothingToUndo:
            throw CLIError.failed("\(name) is not checked in: nothing to undo")
        }
    }

    static func vip(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        try ctx.authorize(.toggleVIP)
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        let attendee = try Resolver.attendee(ctx.parsed.argument("ATTENDEE") ?? "", of: event, in: store)
        let on = ctx.parsed.argument("STATE") == "on"
        let updated = try store.setVIP(attendeeId: attendee.id, on, operatorName: ctx.operatorName, at: Date())
        ctx.out.line("VIP \(updated.vip ? "on" : "off"): \(Sanitizer.sanitize(updated.badgeName)) (id \(updated.id)).")
    }
}
