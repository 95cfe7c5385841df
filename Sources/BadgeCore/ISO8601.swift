import Foundation

/// ISO 8601 timestamps as the providers send them and as the console prints them (SPEC §4).
///
/// One hand-written parser instead of `ISO8601DateFormatter`: the providers mix the plain form
/// (`2018-10-22T18:26:56Z`) and the fractional form (`2024-06-10T17:29:03.804Z`), which
/// Foundation's plain `.iso8601` strategy rejects, and an import parses several timestamps per
/// attendee for 100 000 attendees, so parsing must be cheap and thread-safe (pure value code).
public enum ISO8601 {
    /// Parses `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm|±hhmm)`; a space may replace the `T`, and a
    /// missing zone is read as UTC. Returns nil for anything else.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Formats in UTC without fractional seconds (`2024-06-10T17:29:03Z`), the form Eventbrite's
    /// `changed_since` takes. Fractional seconds are truncated (never rounded up).
    public static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        return formatSeconds(seconds, millis: nil)
    }

    /// Formats in UTC with milliseconds (`2024-06-10T17:29:03.804Z`), rounded to the nearest
    /// millisecond (so a parsed `.804` prints as `.804` despite binary floating point).
    public static func formatWithMilliseconds(_ date: Date) -> String {
        let total = (date.timeIntervalSince1970 * 1000).rounded()
        let millisTotal = Int64(total)
        let seconds = millisTotal >= 0 ? millisTotal / 1000 : (millisTotal - 999) / 1000
        return formatSeconds(seconds, millis: Int(millisTotal - seconds * 1000))
    }

    // MARK: - Implementation

    private static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        let n = b.count
        guard n >= 19 else { return nil }
        func digits(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for i in start..<(start + count) {
                let d = Int(b[i]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45,
              let day = digits(8, 2), b[10] == 84 || b[10] == 116 || b[10] == 32,
              let hour = digits(11, 2), b[13] == 58, let minute = digits(14, 2), b[16] == 58,
              let second = digits(17, 2) else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour <= 24, minute <= 59,
              second <= 60 else { return nil }
        var i = 19
        // Fraction digits (up to microseconds; further digits are ignored) kept as an integer so
        // the result is rounded once: `.804` gives exactly what `epochMillis / 1000` gives.
        var fractionDigits: Int64 = 0
        var fractionScale: Int64 = 1
        if i < n && (b[i] == 46 || b[i] == 44) {  // '.' or ','
            i += 1
            let start = i
            while i < n, b[i] >= 48, b[i] <= 57 {
                if fractionScale < 1_000_000 {
                    fractionDigits = fractionDigits * 10 + Int64(b[i] - 48)
                    fractionScale *= 10
                }
                i += 1
            }
            guard i > start else { return nil }
        }
        var offset = 0
        if i < n {
            switch b[i] {
            case 90, 122:  // Z z
                i += 1
            case 43, 45:  // + -
                let sign = b[i] == 43 ? 1 : -1
                i += 1
                guard i + 2 <= n, let oh = digits(i, 2) else { return nil }
                i += 2
                var om = 0
                if i < n && b[i] == 58 { i += 1 }
                if i + 2 <= n, let m = digits(i, 2) {
                    om = m
                    i += 2
                }
                offset = sign * (oh * 3600 + om * 60)
            default:
                return nil
            }
        }
        guard i == n else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        if fractionScale == 1 { return Date(timeIntervalSince1970: Double(seconds)) }
        return Date(timeIntervalSince1970: Double(seconds * fractionScale + fractionDigits) / Double(fractionScale))
    }

    private static func formatSeconds(_ seconds: Int64, millis: Int?) -> String {
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        let (year, month, day) = civilFromDays(Int(days))
        let hour = Int(rest / 3600), minute = Int(rest % 3600 / 60), second = Int(rest % 60)
        var out = [UInt8]()
        out.reserveCapacity(24)
        func put(_ value: Int, _ width: Int) {
            var digits = [UInt8](repeating: 48, count: width)
            var v = value
            for k in stride(from: width - 1, through: 0, by: -1) {
                digits[k] = UInt8(48 + v % 10)
                v /= 10
            }
            out.append(contentsOf: digits)
        }
        put(year, 4); out.append(45); put(month, 2); out.append(45); put(day, 2)
        out.append(84)
        put(hour, 2); out.append(58); put(minute, 2); out.append(58); put(second, 2)
        if let millis {
            out.append(46)
            put(millis, 3)
        }
        out.append(90)
        return String(decoding: out, as: UTF8.self)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
