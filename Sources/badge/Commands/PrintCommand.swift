import BadgeCore
import Foundation
import Printing
import ScreenKit

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

        let templates = try store.templates(eventId: event.id).sorted { $0.id < $1.id }
        let template = TemplateSelector.select(for: attendee, from: templates)
            ?? BadgeTemplate(eventId: event.id, name: BuiltInTemplate.name, layout: BuiltInTemplate.text)
        let fonts = try fontSet(ctx)
        let pdf = try BadgeRenderer.render(attendee: attendee, template: template, fonts: fonts)
        let output = try BadgePrinter().deliver(pdf, to: destination, title: "Badge: \(attendee.name)")
        try store.recordPrint(PrintRecord(attendeeId: attendee.id, at: Date(), templateName: template.name,
                                          output: output, operatorName: ctx.operatorName))
        if ctx.wantsJSON {
            ctx.out.json(JSONOutput.printResult(template: template.name, output: output))
            return
        }
        let count = try store.prints(attendeeId: attendee.id).count
        let what = count > 1 ? "Reprinted (print \(count))" : "Printed"
        ctx.out.line("\(what) the badge of \(Sanitizer.sanitize(attendee.name)) with template "
                     + "'\(Sanitizer.sanitize(template.name))' to \(Sanitizer.sanitize(output)).")
    }

    /// Fonts: the config's `font` file first (if set), then the system's DejaVu and CJK fallbacks.
    static func fontSet(_ ctx: CommandContext) throws -> FontSet {
        var paths = FontSet.searchPaths(environment: ctx.environment)
        if let font = try ctx.config().font { paths.insert(font, at: 0) }
        return try FontSet.discover(searchPaths: paths)
    }
}
