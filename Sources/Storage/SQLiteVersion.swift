import CSQLite

/// Version of the linked SQLite library, e.g. "3.40.1".
public func sqliteLibraryVersion() -> String { String(cString: sqlite3_libversion()) }
