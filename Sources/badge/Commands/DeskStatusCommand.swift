import BadgeCore
import Foundation
import PostgresStore
import ScreenKit
import Storage

/// `badge desk status [--json]` (SPEC §11.1): this desk's replica and outbox on a shared database.
/// With the server reachable it replays what is queued first, so the answer is the state after.
enum DeskStatusCommand {
    static func run(_ ctx: CommandContext) throws {
        guard ctx.databaseLocation.isShared else {
            throw CLIError.failed("this desk uses its own SQLite file (\(ctx.databasePath)): there is no shared server, "
                                  + "replica or queue (see --db postgresql://…)")
        }
        guard let store = try ctx.store() as? OfflineDeskStore else {
            throw CLIError.failed("desk status needs a desk store")
        }
        // Connected: what was queued has been replayed (on opening); bring the copies up to date.
        if store.status().connection == .online { store.tick() }
        let status = store.status()
        let replica = try store.replicaStatus()
        let events = (try? store.events()) ?? []
        func eventName(_ id: Int64) -> String {
            events.first { $0.id == id }.map { "\($0.qualifiedId) \($0.name)" } ?? "event \(id)"
        }
        let server: String
        switch status.connection {
        case .online: server = "reachable"
        case .offline(let since): server = "unreachable since \(ISO8601.format(since))"
        case .replaying: server = "replaying"
        }
        if ctx.wantsJSON {
            ctx.out.json(.object([
                ("desk", .string(store.desk)),
                ("server", .string(store.target)),
                ("reachable", .bool(status.connection == .online)),
                ("replica", .string(store.replicaPath)),
                ("queued", .int(replica.queued)),
                ("replayed", .int(replica.applied)),
                ("conflicts", .int(replica.conflicts)),
                ("skipped", .int(replica.skipped)),
                ("lastReplayAt", .string(replica.lastReplayAt.map(ISO8601.format))),
                ("lastReplay", .string(replica.lastReplay)),
                ("events", .array(replica.events.sorted { $0.key < $1.key }.map { id, at in
                    .object([("id", .int(id)), ("name", .string(eventName(id))),
                             ("copiedAt", .string(at.map(ISO8601.format)))])
                })),
                ("problems", .array(replica.problems.map { p in
                    .object([("kind", .string(p.op.kind.rawValue)), ("attendee", .string(p.op.attendeeKey)),
                             ("doorTime", .string(ISO8601.format(p.op.doorTime))), ("state", .string(p.state)),
                             ("result", .string(p.result))])
                })),
                ("unresolvedConflicts", .array(status.conflicts.map { c in
                    .object([("attendee", .string(c.attendeeName)), ("kind", .string(c.kind.rawValue)),
                             ("winnerDesk", .string(c.winnerDesk)), ("winnerAt", .string(c.winnerAt.map(ISO8601.format))),
                             ("loserDesk", .string(c.loserDesk)), ("loserAt", .string(ISO8601.format(c.loserAt)))])
                })),
            ]))
            return
        }
        var table = TextTable(["DESK", store.desk])
        table.maxColumnWidth = 120  // paths and "as of" times are the point here: never cut them short
        table.add(["Server", "\(store.target) (\(server))"])
        table.add(["Replica", store.replicaPath])
        table.add(["Queued", String(replica.queued)])
        table.add(["Replayed", "\(replica.applied) applied, \(replica.conflicts) conflicts, \(replica.skipped) skipped"])
        table.add(["Last replay", replica.lastReplayAt.map { "\(ISO8601.format($0)): \(replica.lastReplay ?? "")" } ?? "never"])
        for (id, at) in replica.events.sorted(by: { $0.key < $1.key }) {
            table.add(["Copy of", "\(eventName(id)) — \(at.map { "as of \(ISO8601.format($0))" } ?? "not copied yet")"])
        }
        ctx.out.write(table.render())
        if let summary = OfflineConflict.summary(status.conflicts) {
            ctx.out.line()
            // Names are provider text (untrusted, SPEC §8): never an escape sequence on the terminal.
            ctx.out.line(Sanitizer.sanitize(summary, maxWidth: 4_000))
        }
    }
}
