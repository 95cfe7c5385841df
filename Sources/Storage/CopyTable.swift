/// One table `badge db copy` moves (SPEC §11), and the column rows are ordered and resumed by.
///
/// The order is the foreign keys' order (integrations before events, events before attendees…),
/// so every batch a target commits refers only to rows it already holds. Held cancellations and
/// purge marks are columns of `events`; a PostgreSQL database's applied operation ids and resync
/// requests are live state of the desks connected to it and are not copied, nor are print stations'
/// heartbeats (print jobs are: they are the print history and the queue).
package struct CopyTable: Sendable, Hashable {
    package let name: String
    /// The primary key: rows are read, compared and resumed in its order (ids, or a text key
    /// compared byte-wise on both engines).
    package let key: String
    /// True when `key` is an id the engine hands out (PostgreSQL's identity sequence is moved
    /// past the largest copied id).
    package let hasIdentity: Bool

    package init(_ name: String, key: String = "id", hasIdentity: Bool = true) {
        self.name = name
        self.key = key
        self.hasIdentity = hasIdentity
    }

    package static let all: [CopyTable] = [
        CopyTable("integrations"),
        CopyTable("events"),
        CopyTable("attendees"),
        CopyTable("checkins"),
        CopyTable("prints"),
        CopyTable("print_jobs"),
        CopyTable("templates"),
        CopyTable("members"),
        CopyTable("import_checkpoints", key: "event_id", hasIdentity: false),
        CopyTable("audit_log"),
        CopyTable("pin_attempts", key: "subject", hasIdentity: false),
    ]

    /// `"name"`: a double-quoted identifier, the same in SQLite and PostgreSQL.
    package static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
