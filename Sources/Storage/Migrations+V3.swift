extension Migrations {
    /// Import speed (SPEC §9, badge-bench): every index keyed on a random-order value costs a
    /// scattered write per row in each page's commit. These three served no hot path:
    /// - the console has no ticket or company sort (the CLI's rare `--sort` may scan);
    /// - the covering search index duplicated every row's search text; a search scans the
    ///   event's rows either way, and the table scan is nearly as fast.
    static let schemaV3 = """
        DROP INDEX IF EXISTS attendees_by_ticket;
        DROP INDEX IF EXISTS attendees_by_company;
        DROP INDEX IF EXISTS attendees_search;
        """
}
