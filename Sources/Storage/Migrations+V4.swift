extension Migrations {
    /// The mass-cancellation guard (issue #13): a full scan that would cancel too many attendees
    /// at once is held, and the event remembers how many until an admin confirms or a retry
    /// clears it — across restarts, so the alert never silently disappears. NULL = nothing held.
    static let schemaV4 = """
        ALTER TABLE events ADD COLUMN held_cancellations INTEGER;
        ALTER TABLE events ADD COLUMN held_attending INTEGER;
        ALTER TABLE events ADD COLUMN held_at INTEGER;
        """
}
