import BadgeCore
import Foundation

/// `badge events available|list` (import, retry and reconnect run the sync engine: see
/// `SyncCommands`).
enum EventsCommand {
    static func list(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        let events = try store.events()
        let rows = try events.map { ($0, try store.stats(eventId: $0.id)) }
        if ctx.wantsJSON {
            ctx.out.json(.array(rows.map { JSONOutput.event($0.0, stats: $0.1) }))
            return
        }
        guard !events.isEmpty else {
            ctx.out.line("No events yet. Import one with: badge events import PROVIDER EXTERNAL_ID")
            return
        }
        var table = TextTable(["ID", "EVENT", "STATUS", "ATTENDEES", "CHECKED IN", "LAST SYNCED", "NAME"])
        for (event, stats) in rows {
            table.add([String(event.id), event.qualifiedId, event.syncStatus.rawValue,
                       String(stats.totalAttendees), String(stats.checkedIn),
                       event.lastSyncedAt.map(ISO8601.format) ?? "never", event.name])
        }
        ctx.out.write(table.render())
    }

    static func available(_ ctx: CommandContext) throws {
        let provider = try Resolver.provider(ctx.parsed.argument("PROVIDER") ?? "")
        let store = try ctx.store()
        guard let integration = try store.integration(provider: provider) else {
            throw CLIError.failed("\(provider.rawValue) is not connected (see badge integrations connect --help)")
        }
        let client = try Composition.makeClient(for: integration, ledger: Composition.rateLedger(of: store))
        let available = try AsyncBridge.run { try await client.availableEvents() }
        let imported = Set(try store.events().filter { $0.provider == provider }.map(\.externalId))
        if ctx.wantsJSON {
            ctx.out.json(.array(available.map { JSONOutput.providerEvent($0, imported: imported.contains($0.externalId)) }))
            return
        }
        guard !available.isEmpty else {
            ctx.out.line("The \(provider.displayName) account has no events to import.")
            return
        }
        // The JSON key stays `registrations` (SPEC §4); the table says what the number is.
        var table = TextTable(["EXTERNAL ID", "STARTS", provider == .eventbrite ? "CAPACITY" : "GUESTS", "IMPORTED", "NAME"])
        for e in available {
            table.add([e.externalId, e.startsAt.map(ISO8601.format) ?? "", e.registrations.map(String.init) ?? "",
                       imported.contains(e.externalId) ? "yes" : "", e.name])
        }
        ctx.out.write(table.render())
    }
}
