import BadgeCore
import Foundation
import Printing
import ScreenKit
import Storage

/// `badge print EVENT ATTENDEE [--out FILE.pdf | --printer ADDRESS | --print-station NAME] [--json]`
/// (SPEC §6, §12): the print is a job (`DeskPrinting`): sent by this command to the file or printer
/// (template: VIP variant → ticket variant → Default → built-in), or queued for a print station.
/// It counts once done (reprints are counted).
enum PrintCommand {
    static func run(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        try ctx.authorize(.printBadge)
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        let attendee = try Resolver.attendee(ctx.parsed.argument("ATTENDEE") ?? "", of: event, in: store)
        guard let target = try DeskPrinting.target(ctx) else {
            throw ctx.usage("give --out FILE.pdf, --printer ADDRESS or --print-station NAME "
                            + "(or set printer or print_station in the config file)")
        }
        try report(ctx, try DeskPrinting.print(ctx, store: store, event: event, attendee: attendee, to: target),
                   store: store, attendee: attendee)
    }

    /// Prints the outcome: the JSON shape of `print` (SPEC §4) or one line, plus the missing-glyph warning.
    static func report(_ ctx: CommandContext, _ result: DeskPrinting.Result, store: any BadgeStore,
                       attendee: Attendee) throws {
        switch result {
        case let .queued(job, templateName, station):
            if ctx.wantsJSON {
                ctx.out.json(JSONOutput.queuedPrint(job, templateName: templateName))
            } else {
                ctx.out.line(DeskPrinting.queuedMessage(job, attendeeName: attendee.badgeName, templateName: templateName,
                                                        station: station))
            }
        case let .delivered(printed, _):
            if ctx.wantsJSON {
                ctx.out.json(JSONOutput.printResult(printed))
                return
            }
            let count = try store.prints(attendeeId: attendee.id).count
            ctx.out.line(message(printed, attendeeName: attendee.badgeName, printCount: count))
            if let note = printed.missingGlyphsNote {
                OutputWriter.note("badge: warning: \(Sanitizer.sanitize(note, maxWidth: 200)) (no installed font has them; "
                                  + "they print as empty boxes)")
            }
        }
    }

    /// `Printed on QUEUE: …` only when a printer took the job; `Saved PDF → PATH: …` otherwise.
    static func message(_ result: BadgePrintResult, attendeeName: String, printCount: Int) -> String {
        let reprint = printCount > 1 ? " (print \(printCount))" : ""
        let what = "the badge of \(Sanitizer.sanitize(attendeeName, maxWidth: 80))\(reprint) with template "
            + "'\(Sanitizer.sanitize(result.templateName, maxWidth: 80))'"
        switch result.outcome {
        case let .printed(queue):
            return "\(printCount > 1 ? "Reprinted" : "Printed") \(what) on \(Sanitizer.sanitize(queue))."
        case let .savedPDF(path):
            return "Saved PDF → \(Sanitizer.sanitize(path)): \(what); nothing was sent to a printer."
        }
    }
}
