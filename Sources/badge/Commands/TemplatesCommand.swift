import BadgeCore
import Foundation
import Printing
import Storage

/// `badge templates list|add|remove` (SPEC §6): templates are stored in the database.
enum TemplatesCommand {
    static func list(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        let templates = try store.templates(eventId: event.id)
        if ctx.wantsJSON {
            ctx.out.json(.array(templates.map(JSONOutput.template)))
            return
        }
        guard !templates.isEmpty else {
            ctx.out.line("No templates for event \(event.id); badges use the built-in default.")
            return
        }
        var table = TextTable(["NAME", "KIND", "TICKETS"])
        for t in templates {
            table.add([t.name, kind(t), t.ticketNames.joined(separator: ", ")])
        }
        ctx.out.write(table.render())
    }

    static func add(_ ctx: CommandContext) throws {
        guard let name = ctx.parsed.option("name"), !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ctx.usage("missing --name NAME")
        }
        let file = ctx.parsed.argument("FILE") ?? ""
        let tickets = (ctx.parsed.option("tickets") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let store = try ctx.store()
        try ctx.authorize(.manageTemplates)
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        let layout: String
        do {
            layout = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw CLIError.failed("cannot read template \(file): \(error.localizedDescription)")
        }
        // A bad file is refused now, with its line number, rather than at print time.
        let parsed: BadgeLayout
        do {
            parsed = try TemplateParser.parse(layout)
        } catch let error as PrintingError {
            throw CLIError.failed("\(file): \(error.description)")
        }
        // Options win; otherwise the file's own `tickets` / `vip` header lines apply.
        let template: BadgeTemplate
        do {
            template = try store.saveTemplate(BadgeTemplate(
                eventId: event.id, name: name, ticketNames: tickets.isEmpty ? parsed.ticketNames : tickets,
                isVIPVariant: ctx.parsed.flag("vip") || parsed.isVIPVariant, layout: layout))
        } catch StorageError.secondDefaultTemplate(let existing) {
            // One Default per event (refused, not replaced: the existing one may be in use).
            throw CLIError.failed("event \(event.id) already has a Default template '\(existing)': remove it first "
                                  + "(badge templates remove \(event.id) '\(existing)'), use --name '\(existing)' "
                                  + "to replace it, or give --tickets")
        }
        try store.recordAudit(operatorName: ctx.operatorName, action: "template.save",
                              detail: "event \(event.id) \(name)", at: Date())
        ctx.out.line("Saved template '\(template.name)' (\(kind(template))) of event \(event.id).")
    }

    static func remove(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        try ctx.authorize(.manageTemplates)
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        let name = ctx.parsed.argument("NAME") ?? ""
        guard try store.removeTemplate(eventId: event.id, name: name) else {
            throw CLIError.failed("no template '\(name)' in event \(event.id) (see badge templates list \(event.id))")
        }
        try store.recordAudit(operatorName: ctx.operatorName, action: "template.remove",
                              detail: "event \(event.id) \(name)", at: Date())
        ctx.out.line("Removed template '\(name)' of event \(event.id).")
    }

    static func kind(_ t: BadgeTemplate) -> String {
        if t.isVIPVariant { return t.ticketNames.isEmpty ? "VIP variant" : "VIP variant for tickets" }
        return t.isDefault ? "Default" : "variant for tickets"
    }
}
