import BadgeCore
import Foundation
import Printing
import ScreenKit
import Storage

/// `badge print EVENT ATTENDEE [--out FILE.pdf] [--printer NAME] [--json]` (SPEC §6): picks the
/// template (VIP variant → ticket variant → Default → built-in), renders the PDF, writes it or
/// sends it to CUPS, and records the print (reprints are counted).
enum PrintCommand {
    static func run(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        try ctx.authorize(.printBadge)
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        let attendee = try Resolver.attendee(ctx.parsed.argument("ATTENDEE") ?? "", of: event, in: store)

        let destination: BadgePrinter.Destination
        if let out = ctx.parsed.option("out") {
            destination = .file(out)
        } else if let printer = try ctx.parsed.option("printer") ?? ctx.config().printer {
            destination = .printer(printer)
        } else {
            throw ctx.usage("give --out FILE.pdf or --printer NAME (or set printer in the config file)")
        }

        let result = try printAndRecord(ctx, store: store, event: event, attendee: attendee, to: destination)
        if ctx.wantsJSON {
            ctx.out.json(JSONOutput.printResult(result))
            return
        }
        let count = try store.prints(attendeeId: attendee.id).count
        ctx.out.line(message(result, attendeeName: attendee.badgeName, printCount: count))
        if let note = result.missingGlyphsNote {
            OutputWriter.note("badge: warning: \(Sanitizer.sanitize(note, maxWidth: 200)) (no installed font has them; "
                              + "they print as empty boxes)")
        }
    }

    /// Selects the template, renders and delivers the badge, records the print.
    static func printAndRecord(_ ctx: CommandContext, store: any BadgeStore, event: Event, attendee: Attendee,
                               to destination: BadgePrinter.Destination) throws -> BadgePrintResult {
        let templates = try store.templates(eventId: event.id).sorted { $0.id < $1.id }
        let template = TemplateSelector.select(for: attendee, from: templates)
            ?? BadgeTemplate(eventId: event.id, name: BuiltInTemplate.name, layout: BuiltInTemplate.text)
        let fonts = try fontSet(ctx)
        let result = try BadgePrinter().printBadge(attendee: attendee, template: template, fonts: fonts, to: destination)
        try store.recordPrint(PrintRecord(attendeeId: attendee.id, at: Date(), templateName: template.name,
                                          output: result.outcome.output, operatorName: ctx.operatorName))
        return result
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

    /// Fonts: the config's `font` file first (if set), then the system's DejaVu and CJK fallbacks.
    static func fontSet(_ ctx: CommandContext) throws -> FontSet {
        var paths = FontSet.searchPaths(environment: ctx.environment)
        if let font = try ctx.config().font { paths.insert(font, at: 0) }
        return try FontSet.discover(searchPaths: paths)
    }
}
