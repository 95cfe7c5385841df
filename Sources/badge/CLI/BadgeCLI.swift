import BadgeCore
import Foundation
import Providers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `badge` program: parse, dispatch to a command body, map the outcome to an exit code
/// (0 success, 1 failed operation with a one-line reason, 2 usage error; SPEC §4).
enum BadgeCLI {
    static func main(arguments: [String], environment: [String: String]) -> Int32 {
        // Everything badge creates (database, WAL, log, backups, PDFs) is private to the user.
        umask(0o077)
        // The rate-limit slots reserved ahead for a burst and not used go back before the
        // process ends: the shared budget counts exactly what this command sent (issue #18).
        defer { PolicyTransport.settleAll() }
        let parser = ArgumentParser(root: Commands.root)
        var context: CommandContext?
        do {
            switch try parser.parse(arguments) {
            case .version:
                FileHandle.standardOutput.write(Data("badge \(HelpFormatter.version)\n".utf8))
            case .help(let path):
                FileHandle.standardOutput.write(Data(HelpFormatter(root: Commands.root).help(for: path).utf8))
            case .run(let parsed):
                let ctx = CommandContext(parsed: parsed, environment: environment)
                context = ctx
                try dispatch(ctx)
                ctx.out.flush()
            }
            return 0
        } catch let error as CLIError {
            context?.out.flush()
            if !error.message.isEmpty { OutputWriter.note(error.message) }
            if case .failed(let reason) = error { context?.log.log(.warning, "badge \(context?.parsed.displayName ?? ""): \(reason)") }
            return error.exitCode
        } catch {
            context?.out.flush()
            OutputWriter.note(CLIError.failed(describe(error)).message)
            // The log gets the detail (e.g. the SQL of a storage error; never bound values).
            context?.log.log(.error, "badge \(context?.parsed.displayName ?? ""): \(String(reflecting: error))")
            return 1
        }
    }

    /// A one-line reason for any error another module throws (never a credential: providers'
    /// and the store's messages are built without secrets).
    static func describe(_ error: any Error) -> String {
        if let provider = error as? ProviderError { return "provider: \(provider.description)" }
        return String(describing: error)
    }

    static func dispatch(_ ctx: CommandContext) throws {
        switch ctx.parsed.displayName {
        case "": try ConsoleCommand.console(ctx)
        case "demo": try ConsoleCommand.demo(ctx)
        case "kiosk": try ConsoleCommand.kiosk(ctx)
        case "simulate": try SimulatorCommand.run(ctx)
        case "integrations connect": try IntegrationsCommand.connect(ctx)
        case "integrations list": try IntegrationsCommand.list(ctx)
        case "integrations disconnect": try IntegrationsCommand.disconnect(ctx)
        case "events available": try EventsCommand.available(ctx)
        case "events list": try EventsCommand.list(ctx)
        case "events import": try SyncCommands.importEvent(ctx)
        case "events retry": try SyncCommands.retry(ctx)
        case "events reconnect": try SyncCommands.reconnect(ctx)
        case "events confirm-cancellations": try SyncCommands.confirmCancellations(ctx)
        case "events purge": try PurgeCommand.run(ctx)
        case "sync": try SyncCommands.sync(ctx)
        case "watch": try SyncCommands.watch(ctx)
        case "attendees": try AttendeesCommand.run(ctx)
        case "vip": try CheckInCommand.vip(ctx)
        case "checkin": try CheckInCommand.checkIn(ctx)
        case "walkin": try DeskCommands.walkIn(ctx)
        case "correct": try DeskCommands.correct(ctx)
        case "note": try DeskCommands.note(ctx)
        case "stats": try StatsCommand.run(ctx)
        case "print": try PrintCommand.run(ctx)
        case "print-station": try PrintQueueCommands.station(ctx)
        case "print-jobs": try PrintQueueCommands.list(ctx)
        case "print-jobs retry": try PrintQueueCommands.retry(ctx)
        case "print-stations": try PrintQueueCommands.stations(ctx)
        case "templates list": try TemplatesCommand.list(ctx)
        case "templates add": try TemplatesCommand.add(ctx)
        case "templates remove": try TemplatesCommand.remove(ctx)
        case "members add": try MembersCommand.add(ctx)
        case "members list": try MembersCommand.list(ctx)
        case "members remove": try MembersCommand.remove(ctx)
        case "backup": try BackupCommand.run(ctx)
        case "db init": try DatabaseCommand.initialize(ctx)
        case "db copy": try DatabaseCopyCommand.run(ctx)
        case "desk status": try DeskStatusCommand.run(ctx)
        default: throw CLIError.failed("no body for command '\(ctx.parsed.displayName)'")
        }
    }
}
