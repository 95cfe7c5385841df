extension Migrations {
    /// Privacy purge (issue #17, SPEC §13): when an event's personal data was erased. A purged
    /// event keeps its anonymised rows (ticket, status, VIP, check-in times) for the statistics
    /// and never takes provider data again (the store refuses pages for it). NULL = not purged.
    static let schemaV6 = """
        ALTER TABLE events ADD COLUMN purged_at INTEGER;
        """
}
