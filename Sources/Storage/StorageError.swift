import Foundation
import BadgeCore

/// The one error type of the Storage module (ARCHITECTURE §3 "Errors").
///
/// `description` is a one-line human reason for the console and the CLI's stderr
/// ("database is locked by another process", "disk is full"…); `debugDescription` adds the
/// detail for the log: SQLite's extended result code, its message and the SQL text. Bound values
/// never appear in either, so a credential cannot leak through an error.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    LocalizedError
{
    /// A SQLite call failed: extended result code, SQLite's message, the SQL (without values).
    case sqlite(code: Int32, message: String, sql: String?)
    /// Importing the same event twice is refused (SPEC §2.1).
    case duplicateEvent(provider: Provider, externalId: String)
    /// The file is not a SQLite database or is damaged. It was left exactly as it was.
    case corruptDatabase(path: String, detail: String)
    /// The database was written by a newer badge (schema version `found` > `supported`).
    case newerSchema(found: Int, supported: Int)
    /// The database file or its directory could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// The row a call names does not exist ("attendee 42").
    case notFound(String)
    /// Saving a second Default template (no tickets, not VIP) under another name; `existing` is
    /// the event's Default. Two Defaults would make the choice of badge arbitrary.
    case secondDefaultTemplate(existing: String)
    /// The file is another application's SQLite database (its `application_id`, or tables that
    /// are not ours). It was left exactly as it was.
    case foreignDatabase(path: String, detail: String)
    /// Provider data for an event whose personal data was purged (`purgePersonalData`): a sync
    /// or import would bring the erased data back, so the store refuses it.
    case eventPurged(event: String, at: Date)
    /// A PostgreSQL statement failed (SPEC §11): its SQLSTATE, the server's message, the SQL
    /// (without values).
    case server(sqlState: String, message: String, sql: String?)
    /// The database server could not be reached, refused the login, or the connection broke.
    /// `target` is the server's URL with any password redacted.
    case connection(target: String, reason: String)
    /// A desk edit the store refuses as given (a walk-in without a name; a walk-in in a purged
    /// event). The message is the whole reason.
    case invalid(String)

    /// SQLite's extended result code, when the error came from SQLite.
    public var sqliteCode: Int32? {
        if case .sqlite(let code, _, _) = self { return code }
        return nil
    }

    /// SQLite's primary result code (the low byte of the extended code).
    public var primaryCode: Int32? { sqliteCode.map { $0 & 0xff } }

    /// True when another connection held the database longer than the busy timeout.
    public var isBusy: Bool { primaryCode == 5 || primaryCode == 6 }  // SQLITE_BUSY, SQLITE_LOCKED

    /// True for a UNIQUE/CHECK/FOREIGN KEY/NOT NULL violation.
    public var isConstraintViolation: Bool {
        if case .server(let state, _, _) = self { return state.hasPrefix("23") }
        return primaryCode == 19  // SQLITE_CONSTRAINT
    }

    /// True for a UNIQUE (or primary key) violation: the row is already there.
    public var isUniqueViolation: Bool {
        if case .server(let state, _, _) = self { return state == "23505" }
        return sqliteCode == 2067 || sqliteCode == 1555  // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
    }

    /// True when the database server went away (restart, network, killed connection): the
    /// operation may be retried on a new connection.
    public var isConnectionLost: Bool {
        switch self {
        case .connection: return true
        case .server(let state, _, _): return state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03"
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let code, let message, _):
            return Self.reason(primaryCode: code & 0xff, message: message)
        case .duplicateEvent(let provider, let externalId):
            return "event \(provider.rawValue):\(externalId) is already imported"
        case .corruptDatabase(let path, _):
            return "database file is corrupt or not a database: \(path) (left untouched)"
        case .newerSchema(let found, let supported):
            return "database was created by a newer badge (schema \(found), this build supports \(supported))"
        case .cannotOpen(let path, let reason):
            return "cannot open database \(path): \(reason)"
        case .notFound(let what):
            return "\(what) not found"
        case .secondDefaultTemplate(let existing):
            return "the event already has a Default template '\(existing)': remove it first, save under the name "
                + "'\(existing)' to replace it, or give ticket names"
        case .foreignDatabase(let path, let detail):
            return "\(path) is not a badge database (\(detail)); left untouched"
        case .eventPurged(let event, let at):
            return "event \(event) was purged on \(ISO8601.format(at)): it is no longer synced or imported "
                + "(a sync would bring the erased personal data back)"
        case .server(let state, let message, _):
            return Self.serverReason(sqlState: state, message: message)
        case .connection(let target, let reason):
            return "database server: \(reason) (\(target))"
        case .invalid(let reason):
            return reason
        }
    }

    public var debugDescription: String {
        switch self {
        case .sqlite(let code, let message, let sql):
            let sqlPart = sql.map { "; SQL: \($0.split(whereSeparator: \.isNewline).joined(separator: " "))" } ?? ""
            return "\(description) [sqlite \(code): \(message)\(sqlPart)]"
        case .server(let state, let message, let sql):
            let sqlPart = sql.map { "; SQL: \($0.split(whereSeparator: \.isNewline).joined(separator: " "))" } ?? ""
            let shown = state.hasPrefix("22") ? "(value not shown)" : message
            return "\(description) [postgres \(state): \(shown)\(sqlPart)]"
        case .corruptDatabase(_, let detail):
            return "\(description) [\(detail)]"
        default:
            return description
        }
    }

    public var errorDescription: String? { description }

    static func serverReason(sqlState: String, message: String) -> String {
        switch sqlState {
        case "53100": return "disk is full on the database server"
        case "53200": return "the database server is out of memory"
        case "53300": return "the database server has too many connections"
        case "40001", "40P01": return "another desk changed the same rows at the same moment; try again"
        case "55P03": return "database is locked by another desk"
        case "25006": return "the database server is read-only (a standby?)"
        case "42501": return "permission denied on the database server: \(message)"
        case "57P01", "57P02", "57P03": return "the database server is shutting down or restarting"
        default:
            // A data exception's message can quote the value it rejected: never shown.
            if sqlState.hasPrefix("22") { return "the database server rejected a value (SQLSTATE \(sqlState))" }
            if sqlState.hasPrefix("23") { return "constraint violated: \(message)" }
            if sqlState.hasPrefix("08") { return "lost the connection to the database server" }
            return "database error: \(message)"
        }
    }

    static func reason(primaryCode: Int32, message: String) -> String {
        switch primaryCode {
        case 5, 6: return "database is locked by another process"
        case 13: return "disk is full"
        case 11, 26: return "database file is corrupt or not a database"
        case 8: return "database is read-only (check the file's permissions)"
        case 10: return "disk I/O error while accessing the database"
        case 14: return "unable to open the database file"
        case 3, 23: return "permission denied on the database file"
        case 7: return "out of memory"
        case 19: return "constraint violated: \(message)"
        default: return "database error: \(message)"
        }
    }
}

/// The name the `BadgeStore` contract uses for the Storage error type.
public typealias StoreError = StorageError
