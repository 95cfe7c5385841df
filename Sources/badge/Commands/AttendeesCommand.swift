import BadgeCore
import Foundation

/// `badge attendees EVENT [--json | --csv] [--search Q] [--filter …]`: pages through the store
/// (never the whole event in one query) and streams the output.
enum AttendeesCommand {
    static let pageSize = 1000

    static func run(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        try ctx.authorize(.viewAttendees)
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        let filter = ctx.parsed.option("filter").flatMap(AttendeeFilter.init(rawValue:)) ?? .all
        var query = AttendeeQuery(eventId: event.id, filter: filter, search: ctx.parsed.option("search") ?? "",
                                  sort: .name, offset: 0, limit: pageSize)

        func eachPage(_ body: ([Attendee]) -> Void) throws {
            while true {
                let page = try store.attendees(query)
                body(page)
                if page.count < pageSize { return }
                query.offset += page.count
            }
        }

        if ctx.parsed.flag("csv") {
            ctx.out.write(CSVOutput.headerRecord())
            try eachPage { page in page.forEach { ctx.out.write(CSVOutput.row($0)) } }
        } else if ctx.wantsJSON {
            var first = true
            ctx.out.write("[")
            try eachPage { page in
                for a in page {
                    ctx.out.write((first ? "\n  " : ",\n  ") + JSONOutput.attendee(a).serialized(indent: 1))
                    first = false
                }
            }
            ctx.out.line(first ? "]" : "\n]")
        } else {
            var table = TextTable(["ID", "VIP", "STATUS", "CHECKED IN", "TICKET", "EMAIL", "COMPANY", "NAME"])
            try eachPage { page in
                for a in page {
                    table.add([String(a.id), a.vip ? "★" : "", a.status == .attending ? "attending" : "NOT ATTENDING",
                               a.checkedInAt.map(ISO8601.format) ?? "", a.ticketLabel, a.email ?? "",
                               a.badgeCompany ?? "", a.badgeName])
                }
            }
            if table.rows.isEmpty {
                ctx.out.line("No attendees match.")
            } else {
                ctx.out.write(table.render())
            }
        }
    }
}
