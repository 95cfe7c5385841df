extension Migrations {
    /// The VIP filter pages by name: without an index that both filters (`vip = 1`) and sorts
    /// (`name COLLATE NOCASE, id`), SQLite walks `attendees_by_name` over every row of the event
    /// and looks each one up (≈ 40–180 ms on 100 000 attendees with few VIPs; badge-bench).
    /// Partial, so it holds only VIP rows and costs an import nothing.
    static let schemaV2 = """
        CREATE INDEX attendees_vip_by_name ON attendees (event_id, name COLLATE NOCASE, id) WHERE vip = 1;
        """
}
