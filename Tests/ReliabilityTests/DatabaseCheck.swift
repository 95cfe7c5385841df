import CSQLite
import Foundation

/// Read-only checks on a database file that another process may have left behind (killed): SQLite's
/// own `PRAGMA integrity_check` and raw counts the store API cannot show (duplicate keys).
enum DatabaseCheck {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The result of `PRAGMA integrity_check` ("ok" when the file is sound).
    static func integrity(_ path: String) throws -> String {
        do {
            return try query(path, "PRAGMA integrity_check").joined(separator: "; ")
        } catch {
            let sizes = ["", "-wal", "-shm"].map { suffix -> String in
                let size = (try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? -1
                return "\(suffix.isEmpty ? "db" : suffix)=\(size)"
            }
            usleep(200_000)
            let again = (try? query(path, "PRAGMA integrity_check").joined(separator: "; ")) ?? "fails again"
            let cli = Process()
            cli.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            cli.arguments = [path, "PRAGMA integrity_check"]
            let pipe = Pipe()
            cli.standardOutput = pipe
            cli.standardError = pipe
            try? cli.run()
            cli.waitUntilExit()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failure(description: "\(error) [\(sizes.joined(separator: " "))] retry: \(again); sqlite3 CLI: \(text)")
        }
    }

    /// Rows of the first column of `sql`, as text.
    static func query(_ path: String, _ sql: String) throws -> [String] {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let db else {
            defer { sqlite3_close(db) }
            throw Failure(description: "cannot open \(path)")
        }
        defer { sqlite3_close(db) }
        sqlite3_busy_timeout(db, 10_000)
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw Failure(description: "cannot prepare \(sql): \(String(cString: sqlite3_errmsg(db))) "
                          + "(extended code \(sqlite3_extended_errcode(db)), \(openFileCount()) open files)")
        }
        defer { sqlite3_finalize(statement) }
        var rows: [String] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                throw Failure(description: "\(sql): \(String(cString: sqlite3_errmsg(db))) (extended code \(sqlite3_extended_errcode(db)))")
            }
            rows.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "NULL")
        }
        return rows
    }

    /// Open file descriptors of this process (diagnostics in failure messages).
    static func openFileCount() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
    }
}
