extension Migrations {
    /// Badge corrections (issue #17, SPEC §13): the desk's override of a badge field, console-owned
    /// like `vip` and `notes` (a sync never writes these columns). NULL = no correction. Version 8:
    /// version 7 is taken by another change of the same issue.
    static let schemaV8 = """
        ALTER TABLE attendees ADD COLUMN corrected_name TEXT;
        ALTER TABLE attendees ADD COLUMN corrected_company TEXT;
        ALTER TABLE attendees ADD COLUMN corrected_job_title TEXT;
        ALTER TABLE attendees ADD COLUMN corrected_pronouns TEXT;
        """
}
