import Foundation
import PostgresStore
import Storage

/// `badge db …`: the shared PostgreSQL database (SPEC §11).
enum DatabaseCommand {
    /// `badge db init URL`: creates or upgrades the schema; safe to run from several desks at once.
    static func initialize(_ ctx: CommandContext) throws {
        guard let url = ctx.parsed.argument("URL"), !url.isEmpty else { throw ctx.usage("missing URL") }
        let location = DatabaseLocation(url)
        guard case .postgres = location else {
            throw CLIError.failed("'\(url)' is not a PostgreSQL URL (postgresql://USER@HOST:PORT/DB); "
                                  + "a SQLite file needs no init")
        }
        let before: Int
        let after: Int
        do {
            let probe = try Composition.makeSharedStore(url: url, desk: try ctx.station(), listen: false, migrate: true)
            after = try probe.schemaVersion()
            before = probe.migratedFrom
        }
        if ctx.wantsJSON {
            ctx.out.json(.object([("database", .string(location.description)), ("schema_before", .int(Int64(before))),
                                  ("schema", .int(Int64(after)))]))
        } else if before == after {
            ctx.out.line("\(location) already has badge schema \(after); nothing to do.")
        } else {
            ctx.out.line("\(location): badge schema \(before == 0 ? "created" : "upgraded from \(before)") at version \(after).")
        }
        if location.isInsecureRemote {
            ctx.out.line("Warning: the server is not on this machine and the URL does not ask for TLS "
                         + "(add ?sslmode=require): passwords and attendee data would cross the network in clear.")
        }
    }
}
