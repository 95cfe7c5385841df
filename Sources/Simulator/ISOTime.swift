import Foundation

/// Minimal ISO 8601 UTC formatting and parsing on epoch seconds, without Foundation formatters
/// (fast, thread-safe, no locale). Internal to the simulator.
enum ISOTime {
    /// `2024-06-10T17:29:03Z`.
    static func format(_ epoch: Int64) -> String {
        let days = floorDiv(epoch, 86_400)
        let secs = Int(epoch - days * 86_400)
        let (y, m, d) = civil(fromDays: days)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { out in
            func put(_ value: Int, _ at: Int, _ width: Int) {
                var v = value
                for i in stride(from: at + width - 1, through: at, by: -1) {
                    out[i] = UInt8(48 + v % 10)
                    v /= 10
                }
            }
            put(y, 0, 4); out[4] = 45; put(m, 5, 2); out[7] = 45; put(d, 8, 2); out[10] = 84
            put(secs / 3600, 11, 2); out[13] = 58; put(secs % 3600 / 60, 14, 2); out[16] = 58
            put(secs % 60, 17, 2); out[19] = 90
            return String(decoding: UnsafeBufferPointer(rebasing: out[0..<20]), as: UTF8.self)
        }
    }

    /// `2024-06-10T17:29:03.804Z` (Luma style, milliseconds derived from the seconds).
    static func formatMillis(_ epoch: Int64, millis: Int) -> String {
        var text = format(epoch)
        text.removeLast()
        return text + "." + pad(millis % 1000, 3) + "Z"
    }

    /// Parses `YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`; nil when malformed.
    static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count >= 19, b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 32, b[13] == 58, b[16] == 58 else {
            return nil
        }
        func num(_ from: Int, _ to: Int) -> Int? {
            var v = 0
            for i in from..<to {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 7), let d = num(8, 10), let h = num(11, 13),
              let mi = num(14, 16), let s = num(17, 19), (1...12).contains(mo), (1...31).contains(d),
              h < 24, mi < 60, s < 61 else { return nil }
        var i = 19
        if i < b.count, b[i] == 46 {
            i += 1
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
        }
        var offset = 0
        if i < b.count {
            if b[i] == 90, i + 1 == b.count {
                offset = 0
            } else if (b[i] == 43 || b[i] == 45), b.count == i + 6, b[i + 3] == 58,
                      let oh = num(i + 1, i + 3), let om = num(i + 4, i + 6) {
                offset = (oh * 3600 + om * 60) * (b[i] == 43 ? 1 : -1)
            } else {
                return nil
            }
        }
        let days = daysFromCivil(y, mo, d)
        return days * 86_400 + Int64(h * 3600 + mi * 60 + s - offset)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Howard Hinnant's days-from-civil algorithm.
    private static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d))
    }
}
