import Foundation
import ScreenKit

/// The ONE route for untrusted provider text to the screen (SPEC §8): control characters and
/// escape introducers become visible placeholders, bidi controls are dropped. (ScreenKit's
/// `Sanitizer` replaces the body of this function once merged.)
func clean(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
        switch u.value {
        case 0x09, 0x0A, 0x0D, 0x2028, 0x2029: out.append(" ")
        case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + u.value)!)
        case 0x7F: out.append("\u{2421}")
        case 0x80...0x9F: out.append("\u{FFFD}")
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: continue
        default: out.append(u)
        }
    }
    return String(out)
}

/// Cuts text to `width` columns, ending with `…` when cut; never splits a wide grapheme.
func truncate(_ s: String, _ width: Int) -> String {
    guard width > 0 else { return "" }
    if DisplayWidth.of(s) <= width { return s }
    var out = ""
    var used = 0
    for g in s {
        let w = DisplayWidth.of(g)
        if used + w > width - 1 { break }
        out.append(g)
        used += w
    }
    return out + "…"
}

/// Truncates and pads with spaces to exactly `width` columns.
func fit(_ s: String, _ width: Int) -> String {
    let t = truncate(s, width)
    return t + String(repeating: " ", count: max(0, width - DisplayWidth.of(t)))
}

/// Right-aligns within `width` columns.
func fitRight(_ s: String, _ width: Int) -> String {
    let t = truncate(s, width)
    return String(repeating: " ", count: max(0, width - DisplayWidth.of(t))) + t
}

/// "[██████░░░░]"-style bar of `width` cells for 0...1.
func progressBar(_ fraction: Double, width: Int) -> String {
    let n = max(0, width)
    let filled = min(n, Int((fraction * Double(n)).rounded(.down)))
    return String(repeating: "█", count: filled) + String(repeating: "░", count: n - filled)
}

/// A sparkline of counts ("▁▂▅█") scaled to the maximum; zero is the baseline "▁".
func sparkline(_ values: [Int]) -> String {
    let ticks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    let top = values.max() ?? 0
    return String(values.map { v -> Character in
        guard top > 0, v > 0 else { return ticks[0] }
        return ticks[min(7, max(1, Int((Double(v) / Double(top) * 7).rounded(.up))))]
    })
}

extension ScreenBuffer {
    /// A box outline with an optional title in the top border.
    mutating func box(x: Int, y: Int, width: Int, height: Int, title: String = "", role: Role = .border,
                      titleRole: Role = .title) {
        guard width >= 2, height >= 2 else { return }
        put("┌" + String(repeating: "─", count: width - 2) + "┐", x: x, y: y, role: role)
        for row in (y + 1)..<(y + height - 1) {
            put("│", x: x, y: row, role: role)
            put("│", x: x + width - 1, y: row, role: role)
        }
        put("└" + String(repeating: "─", count: width - 2) + "┘", x: x, y: y + height - 1, role: role)
        if !title.isEmpty { put(" " + truncate(title, width - 6) + " ", x: x + 2, y: y, role: titleRole) }
    }

    /// A full-width bar of a role with left and right text.
    mutating func bar(y: Int, left: String, right: String = "", role: Role) {
        fill(x: 0, y: y, width: size.width, height: 1, role: role)
        let r = truncate(right, max(0, size.width / 2))
        let rw = DisplayWidth.of(r)
        put(truncate(left, size.width - rw - 2), x: 1, y: y, role: role)
        if rw > 0 { put(r, x: size.width - rw - 1, y: y, role: role) }
    }
}
