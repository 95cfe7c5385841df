import Foundation

/// How dates are stored: INTEGER milliseconds since 1970-01-01 UTC.
///
/// Integers keep SQL comparisons and 5-minute buckets exact, and the round trip is idempotent:
/// a date that went through `quantised` once comes back from the database bit-for-bit equal,
/// which the merge needs so re-applying a page counts everything unchanged.
package enum DateCoding {
    package static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    package static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// The date as it will read back from the database.
    package static func quantised(_ date: Date) -> Date { self.date(milliseconds(date)) }

    package static func quantised(_ date: Date?) -> Date? { date.map { quantised($0) } }
}
