import CLibpq
import Foundation
import Storage

/// One libpq connection: statements with parameters (prepared once per connection and reused),
/// plain multi-statement scripts, and a reconnect after the server went away.
///
/// Parameters are sent as text (`SQLValue`: integers in decimal, dates already milliseconds),
/// results come back as text (`PGResult`). Not thread-safe: the owner serialises access.
/// libpq reads a password from the URL, `PGPASSWORD`, `~/.pgpass` or the service file; the
/// connection's TLS follows the URL's `sslmode` and friends (libpq's own options).
final class PGConnection {
    private(set) var handle: OpaquePointer?
    let url: String
    let applicationName: String
    /// SQL text → prepared statement name on this connection.
    private var prepared: [String: String] = [:]

    /// The URL with any password hidden (for messages).
    var target: String { DatabaseLocation.redact(url) }

    init(url: String, applicationName: String) throws {
        self.url = url
        self.applicationName = applicationName
        try connect()
    }

    deinit { if let handle { PQfinish(handle) } }

    /// Server-side process id of this connection: notifications it caused carry it.
    var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    var isHealthy: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// The socket libpq uses (for `poll` by the change listener), -1 when not connected.
    var socket: Int32 { handle.map { PQsocket($0) } ?? -1 }

    /// (Re)connects. libpq's keepalives make a dead peer (a pulled cable, a stopped VM) show up in
    /// seconds rather than the kernel's two hours; `connect_timeout` bounds the wait for a server.
    func connect() throws {
        if let handle { PQfinish(handle) }
        handle = nil
        prepared = [:]
        var keys = ["dbname", "application_name", "connect_timeout", "keepalives", "keepalives_idle",
                    "keepalives_interval", "keepalives_count", "client_encoding"]
        var values = [url, applicationName, "5", "1", "5", "2", "3", "UTF8"]
        // The server side too: a desk that vanished from the network (not a clean close) loses its
        // backend — and the sync leadership that backend holds — in seconds, not hours.
        if !url.lowercased().contains("options=") {
            keys.append("options")
            values.append("-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3")
        }
        let conn: OpaquePointer? = Self.withCStrings(keys) { k in
            Self.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let conn else { throw StorageError.connection(target: target, reason: "out of memory") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(conn))
            let needsPassword = PQconnectionNeedsPassword(conn) == 1
            PQfinish(conn)
            throw StorageError.connection(target: target, reason: Self.connectReason(message, needsPassword: needsPassword))
        }
        cpq_silence_notices(conn)
        handle = conn
        // Dates are integers and text compares byte-wise in every query; nothing depends on the
        // session's time zone or locale. A statement never waits forever on a lock.
        try execute("SET lock_timeout = '10s'; SET idle_in_transaction_session_timeout = '60s'")
    }

    /// Runs a script (one or more statements without parameters).
    func execute(_ sql: String) throws {
        guard let handle else { throw lost(sql) }
        guard let raw = PQexec(handle, sql) else { throw lost(sql) }
        let result = PGResult(raw)
        try check(result, sql: sql)
    }

    /// Runs one statement with `$1…` parameters; prepared on first use, reused after.
    @discardableResult
    func query(_ sql: String, _ params: [SQLValue] = []) throws -> PGResult {
        guard let handle else { throw lost(sql) }
        let name: String
        if let existing = prepared[sql] {
            name = existing
        } else {
            name = "s\(prepared.count)"
            guard let raw = PQprepare(handle, name, sql, Int32(params.count), nil) else { throw lost(sql) }
            try check(PGResult(raw), sql: sql)
            prepared[sql] = name
        }
        let texts: [String?] = params.map(Self.text)
        let raw: OpaquePointer? = Self.withOptionalCStrings(texts) { values in
            PQexecPrepared(handle, name, Int32(texts.count), values, nil, nil, 0)
        }
        guard let raw else { throw lost(sql) }
        let result = PGResult(raw)
        try check(result, sql: sql)
        return result
    }

    /// Runs one statement without preparing it (statements built per call, e.g. a batch of rows).
    @discardableResult
    func queryOnce(_ sql: String, _ params: [SQLValue] = []) throws -> PGResult {
        guard let handle else { throw lost(sql) }
        let texts: [String?] = params.map(Self.text)
        let raw: OpaquePointer? = Self.withOptionalCStrings(texts) { values in
            PQexecParams(handle, sql, Int32(texts.count), nil, values, nil, nil, 0)
        }
        guard let raw else { throw lost(sql) }
        let result = PGResult(raw)
        try check(result, sql: sql)
        return result
    }

    private func check(_ result: PGResult, sql: String) throws {
        switch PQresultStatus(result.handle) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN, PGRES_COPY_OUT:
            return
        default:
            let state = PQresultErrorField(result.handle, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            var message = PQresultErrorField(result.handle, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
                ?? String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
            if !isHealthy {
                if message.isEmpty { message = "server closed the connection" }
                throw StorageError.connection(target: target, reason: "lost the connection (\(Self.firstLine(message)))")
            }
            throw StorageError.server(sqlState: state.isEmpty ? "XX000" : state, message: message, sql: sql)
        }
    }

    private func lost(_ sql: String) -> StorageError {
        let message = handle.map { String(cString: PQerrorMessage($0)) } ?? "not connected"
        return StorageError.connection(target: target, reason: "lost the connection (\(Self.firstLine(message)))")
    }

    static func text(_ value: SQLValue) -> String? {
        switch value {
        case .null: return nil
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .text(let v): return withoutNUL(v)
        case .blob(let d): return "\\x" + d.map { String(format: "%02x", $0) }.joined()
        }
    }

    /// PostgreSQL text cannot hold U+0000 (and a C string would end there): a NUL a provider sent
    /// is stored as U+FFFD, the replacement character, and everything after it is kept.
    static func withoutNUL(_ text: String) -> String {
        text.utf8.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
    }

    static func firstLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }

    /// libpq's connection failure, in one line a desk operator can act on.
    static func connectReason(_ message: String, needsPassword: Bool) -> String {
        let line = message.split(whereSeparator: \.isNewline).map(String.init)
            .first { !$0.isEmpty } ?? message
        let lower = message.lowercased()
        if lower.contains("password authentication failed") {
            return "wrong password or user (libpq takes the password from PGPASSWORD, ~/.pgpass or the service file)"
        }
        if needsPassword || lower.contains("no password supplied") {
            return "the server asks for a password: put it in ~/.pgpass (mode 0600) or PGPASSWORD"
        }
        if lower.contains("does not exist") && lower.contains("database") {
            return "\(cleaned(line)) (create it with createdb, then run `badge db init URL`)"
        }
        if lower.contains("connection refused") {
            return "connection refused (is PostgreSQL running and listening there?)"
        }
        if lower.contains("timeout expired") || lower.contains("timed out") {
            return "no answer from the server (timed out)"
        }
        return cleaned(line)
    }

    private static func cleaned(_ line: String) -> String {
        // libpq prefixes "connection to server at "127.0.0.1", port 5432 failed: FATAL:  …"
        var text = line
        if let range = text.range(of: "failed: ") { text = String(text[range.upperBound...]) }
        text = text.replacingOccurrences(of: "FATAL:  ", with: "")
        return text.trimmingCharacters(in: .whitespaces)
    }

    // MARK: C strings

    static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
        }
    }

    static func withOptionalCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        if strings.isEmpty { return body(nil) }
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } ?? nil }
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
        }
    }
}
