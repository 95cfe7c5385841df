import BadgeCore
import Foundation

/// `badge stats EVENT [--json]` (SPEC §5).
enum StatsCommand {
    static func run(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        let stats = try store.stats(eventId: event.id)
        if ctx.wantsJSON {
            ctx.out.json(JSONOutput.stats(stats))
            return
        }
        var summary = TextTable(["EVENT", "\(event.qualifiedId)  \(event.syncStatus.rawValue)"])
        summary.add(["Name", event.name])
        summary.add(["Total attendees", String(stats.totalAttendees)])
        // Of those attending, as the console shows it (issue #17).
        summary.add(["Checked in", "\(stats.checkedIn) / \(stats.attending) attending (\(stats.checkedInPercent)%)"])
        summary.add(["Not attending", String(stats.notAttending)])
        summary.add(["VIP", String(stats.vip)])
        ctx.out.write(summary.render())
        if !stats.byTicket.isEmpty {
            var tickets = TextTable(["TICKET", "CHECKED IN", "TOTAL"])
            for t in stats.byTicket { tickets.add([t.ticketName, String(t.checkedIn), String(t.total)]) }
            ctx.out.line()
            ctx.out.write(tickets.render())
        }
        if !stats.arrivals.isEmpty {
            var arrivals = TextTable(["ARRIVALS FROM (5 min)", "COUNT"])
            for a in stats.arrivals { arrivals.add([ISO8601.format(a.start), String(a.count)]) }
            ctx.out.line()
            ctx.out.write(arrivals.render())
        }
    }
}
