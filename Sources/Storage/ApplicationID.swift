/// Which SQLite files are ours (issue #13: `--db` on another application's database must not add
/// tables to it nor change its journal mode or file mode).
///
/// Every badge database carries `PRAGMA application_id` = `value` ("BDGE"). A file with another
/// application id is refused; so is one with none (0) that has tables, unless they are a badge
/// schema written before the id existed (it has our core tables and a schema version), which is
/// stamped on open. An empty file or database is new and gets the id after its migrations.
enum ApplicationID {
    /// "BDGE" as a big-endian 32-bit integer.
    static let value: Int32 = 0x4244_4745

    /// Tables every badge schema since migration 1 has.
    static let coreTables: Set<String> = ["events", "attendees", "checkins", "members", "integrations"]

    /// Throws `foreignDatabase` for another application's file; returns true when the file is
    /// ours (or new) but not stamped yet. Reads only.
    static func check(_ db: Database, path: String) throws -> Bool {
        let id = try db.prepare("PRAGMA application_id").firstRow { $0.int64(0) } ?? 0
        if id == Int64(value) { return false }
        if id != 0 {
            throw StorageError.foreignDatabase(path: path, detail: "application_id \(id) is not badge's")
        }
        var tables: Set<String> = []
        try db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .forEachRow { tables.insert($0.text(0)) }
        if tables.isEmpty { return true }
        guard coreTables.isSubset(of: tables), try db.userVersion() >= 1 else {
            let names = tables.sorted().prefix(3).joined(separator: ", ")
            throw StorageError.foreignDatabase(path: path, detail: "it has other tables: \(names)\(tables.count > 3 ? ", …" : "")")
        }
        return true
    }

    /// Writes our application id (in the database header).
    static func stamp(_ db: Database) throws {
        try db.execute("PRAGMA application_id = \(value)")
    }
}
