import Auth
import BadgeCore
import Foundation
import Storage

/// Everything a command body needs: the parsed command line, paths, output, and the store and
/// configuration opened lazily (so `--help`, usage errors and store-less commands never touch the
/// database or the config file).
final class CommandContext {
    let parsed: ParsedCommand
    let environment: [String: String]
    let paths: AppPaths
    let out = OutputWriter()
    private var openedStore: (any BadgeStore)?
    private var loadedConfig: BadgeConfig?
    /// The log file, opened on first write (never the terminal).
    private(set) lazy var log: any LogSink = Composition.makeLog(paths: paths)

    init(parsed: ParsedCommand, environment: [String: String]) {
        self.parsed = parsed
        self.environment = environment
        self.paths = AppPaths(environment: environment)
    }

    /// `--db`, else `BADGE_DB`, else config `database`, else the XDG default file.
    var databasePath: String {
        if parsed.globals.db == nil, environment["BADGE_DB"].map({ $0.isEmpty }) ?? true,
           let configured = (try? config())?.database {
            return configured
        }
        return paths.databasePath(option: parsed.globals.db, environment: environment)
    }

    /// The database as a location: a SQLite file or a PostgreSQL server (SPEC §11).
    var databaseLocation: DatabaseLocation { DatabaseLocation(databasePath) }

    var wantsJSON: Bool { parsed.flag("json") }

    /// Whether this command only reads (its `CommandSpec.readsOnly`).
    var readsOnly: Bool {
        Commands.root.leaves().first { $0.path == parsed.path }?.spec.readsOnly ?? false
    }

    /// The store, opened on first use. The default data directory is created (0700); an explicit
    /// `--db`/`BADGE_DB` path needs an existing directory, so a typo never scatters directories.
    ///
    /// A read command (`CommandSpec.readsOnly`) never creates one: a database that does not exist
    /// is one line, exit 1.
    func store() throws -> any BadgeStore {
        if let openedStore { return openedStore }
        let path = databasePath
        if case .postgres(let url) = DatabaseLocation(path) {
            if DatabaseLocation(path).isInsecureRemote {
                FileHandle.standardError.write(Data(("badge: warning: \(DatabaseLocation(path)) is not on this machine and "
                    + "does not ask for TLS (add ?sslmode=require): the password and attendee data cross the network "
                    + "in clear\n").utf8))
            }
            // Only a console or `badge watch` follows other desks' changes and counts as a desk online.
            // A print station listens too (it wakes when a desk queues a job), but is no desk.
            let isStation = parsed.path == ["print-station"]
            let follows = parsed.path.isEmpty || parsed.path == ["watch"] || isStation
            let store = try Composition.makeSharedStore(url: url, desk: try station(), listen: follows,
                                                        countsAsDesk: !isStation)
            openedStore = store
            return store
        }
        if readsOnly && !FileManager.default.fileExists(atPath: path) {
            throw CLIError.failed("no database at \(path) — run `badge demo` or import an event first")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if path == paths.defaultDatabase {
            try AppPaths.ensureDirectory(paths.dataDirectory)
        } else if !directory.isEmpty {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
                  isDirectory.boolValue
            else { throw CLIError.failed("cannot open database \(path): directory \(directory) does not exist") }
        }
        let store = try Composition.makeStore(path: path)
        openedStore = store
        return store
    }

    /// The configuration file (defaults when it does not exist), with `--theme` applied.
    func config() throws -> BadgeConfig {
        if let loadedConfig { return loadedConfig }
        var config = BadgeConfig()
        if FileManager.default.fileExists(atPath: paths.configFile) {
            do {
                let text = try String(contentsOfFile: paths.configFile, encoding: .utf8)
                config = try BadgeConfig.parse(text)
            } catch let error as BadgeConfig.ParseError {
                throw CLIError.failed("\(paths.configFile):\(error.line): \(error.message)")
            } catch {
                throw CLIError.failed("cannot read \(paths.configFile): \(error.localizedDescription)")
            }
        }
        if let theme = parsed.globals.theme { config.theme = theme }
        if let desk = parsed.globals.desk, !desk.isEmpty { config.station = desk }
        loadedConfig = config
        return config
    }

    /// Who is operating: `--operator`, else the login name, else "cli".
    var operatorName: String {
        if let name = parsed.globals.operatorName, !name.isEmpty { return name }
        if let user = environment["USER"], !user.isEmpty { return user }
        return "cli"
    }

    /// This desk's name, recorded with check-ins: `--desk`, else config `desk`/`station`, else the
    /// host name on a shared database (SPEC §11) and "cli" on a laptop's own file.
    func station() throws -> String {
        if let station = try config().station { return station }
        return databaseLocation.isShared ? Composition.hostName() : "cli"
    }

    /// SPEC §7 on the CLI. With no members everyone is admin. With members, `--operator` must name
    /// one of them and prove it with the PIN (`BADGE_PIN`, or a no-echo prompt on a terminal);
    /// admin-only actions are refused for staff with the reason.
    func authorize(_ action: OperatorAction) throws {
        let members = try store().members()
        guard !members.isEmpty else { return }
        guard let name = parsed.globals.operatorName else {
            throw CLIError.failed("\(action.phrase) needs an operator: pass --operator NAME "
                                  + "(PIN from BADGE_PIN or the prompt; see badge members list)")
        }
        guard let member = members.first(where: { $0.name == name }) else {
            throw CLIError.failed("no member '\(name)' (see badge members list)")
        }
        // Refuse before asking for a PIN while the member is locked out (persisted: issue #13).
        let subject = PINAttempts.subject(member: member.name)
        let attempts = try store().pinAttempts(subject: subject)
        if attempts.isLocked(now: Date()) {
            throw CLIError.failed(PINGate.lockedMessage(attempts, who: name))
        }
        let pin: String
        if let fromEnvironment = environment["BADGE_PIN"], !fromEnvironment.isEmpty {
            pin = fromEnvironment
        } else if isatty(STDIN_FILENO) == 1 {
            pin = try SecretInput.read(prompt: "PIN for \(name): ")
        } else {
            throw CLIError.failed("PIN needed for \(name): set BADGE_PIN or run from a terminal")
        }
        switch try PINGate.check(store: store(), subject: subject, verify: {
            PINHasher.verify(pin, against: member.pinHash) ? member : nil
        }) {
        case .accepted:
            break
        case .rejected(let now):
            try? store().recordAudit(operatorName: name, action: "cli.pin-rejected", detail: action.rawValue, at: Date())
            let left = PINGate.backoff.maxFailures - now.failures
            throw CLIError.failed("wrong PIN for \(name)" + (left > 0 ? " (\(left) more before a lock)" : ""))
        case .locked(let now):
            try? store().recordAudit(operatorName: name, action: "cli.pin-rejected", detail: action.rawValue, at: Date())
            throw CLIError.failed("wrong PIN — " + PINGate.lockedMessage(now, who: name))
        }
        if let refusal = member.role.refusal(for: action) { throw CLIError.failed(refusal) }
    }

    /// A usage error raised by a command body (exit 2, points at this command's help).
    func usage(_ message: String) -> CLIError { .usage(message, command: parsed.path) }
}
