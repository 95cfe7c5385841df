import Foundation

/// Where Badge keeps its files (SPEC §8), following the XDG base directories:
/// data `$XDG_DATA_HOME/badge` (database), state `$XDG_STATE_HOME/badge` (log), config
/// `$XDG_CONFIG_HOME/badge/config`. Relative XDG values are ignored, as the XDG spec says.
struct AppPaths: Sendable, Equatable {
    var dataDirectory: String
    var stateDirectory: String
    var configDirectory: String

    init(environment: [String: String]) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        func xdg(_ key: String, _ fallback: String) -> String {
            if let value = environment[key], value.hasPrefix("/") { return value }
            return (home as NSString).appendingPathComponent(fallback)
        }
        dataDirectory = (xdg("XDG_DATA_HOME", ".local/share") as NSString).appendingPathComponent("badge")
        stateDirectory = (xdg("XDG_STATE_HOME", ".local/state") as NSString).appendingPathComponent("badge")
        configDirectory = (xdg("XDG_CONFIG_HOME", ".config") as NSString).appendingPathComponent("badge")
    }

    var defaultDatabase: String { (dataDirectory as NSString).appendingPathComponent("badge.sqlite") }
    var logFile: String { (stateDirectory as NSString).appendingPathComponent("badge.log") }
    var configFile: String { (configDirectory as NSString).appendingPathComponent("config") }

    /// The database path: `--db`, else `BADGE_DB`, else the XDG default.
    func databasePath(option: String?, environment: [String: String]) -> String {
        if let option, !option.isEmpty { return option }
        if let env = environment["BADGE_DB"], !env.isEmpty { return env }
        return defaultDatabase
    }

    /// Creates `path` and its missing parents with mode 0700 (an existing directory is left as is).
    static func ensureDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CLIError.failed("\(path) exists and is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw CLIError.failed("cannot create \(path): \(error.localizedDescription)")
        }
    }
}
