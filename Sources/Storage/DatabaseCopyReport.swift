/// What `badge db copy` did and verified, table by table (SPEC §11).
package struct DatabaseCopyReport: Sendable, Equatable {
    package struct Table: Sendable, Equatable {
        package let name: String
        /// Rows in the source (and, verified, in the target).
        package let rows: Int
        /// Rows this run inserted; `rows - copied` were already there from an interrupted copy.
        package let copied: Int
        /// `RowChecksum` of the copied columns in key order, equal on both sides.
        package let checksum: String
        /// Columns copied (the intersection of both schemas).
        package let columns: Int
        /// Values the target cannot store as they are (text with U+0000 on PostgreSQL), written
        /// in its stored form (`RowCopyTarget.storedForm`); the checksum compares those forms.
        package let substituted: Int
    }

    package var tables: [Table] = []

    package var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }
    package var totalCopied: Int { tables.reduce(0) { $0 + $1.copied } }
    /// True when an earlier, interrupted copy had already written some rows.
    package var resumed: Bool { totalCopied < totalRows }
    package var totalSubstituted: Int { tables.reduce(0) { $0 + $1.substituted } }
}
