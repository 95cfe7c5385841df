/// Horizontal alignment of text inside a field.
public enum Alignment: Sendable, Hashable {
    case left, center, right
}

/// Width-aware string helpers (all measuring with `DisplayWidth`, never `count`).
public enum Text {
    /// The ellipsis appended when text is cut.
    public static let ellipsis: Character = "…"

    /// `s` if it fits in `width` columns; otherwise the longest prefix of whole grapheme clusters
    /// that fits in `width - 1` columns followed by `…`. A wide grapheme is never split (the result
    /// may then be one column narrower than `width`). Width <= 0 gives "".
    public static func truncate(_ s: String, width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(s) <= width { return s }
        var out = ""
        var used = 0
        let budget = width - 1
        for g in s {
            let w = DisplayWidth.of(g)
            if used + w > budget { break }
            out.append(g)
            used += w
        }
        out.append(ellipsis)
        return out
    }

    /// `s` truncated to `width` (with ellipsis) and padded with spaces to exactly `width` columns,
    /// aligned left, centre (extra space on the right) or right.
    /// Cuts text to `width` columns in the middle, keeping its end (up to `tail` columns): two
    /// names that differ only at the end ("Summit — Day 1", "Summit — Day 2") stay apart.
    public static func truncateMiddle(_ s: String, width: Int, tail: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(s) <= width { return s }
        let keep = min(tail, (width - 1) / 2)
        guard keep > 0 else { return truncate(s, width: width) }
        var end: [Character] = []
        var used = 0
        for g in s.reversed() {
            let w = DisplayWidth.of(g)
            if used + w > keep { break }
            end.insert(g, at: 0)
            used += w
        }
        let head = truncate(String(s.dropLast(end.count)), width: width - used)
        let headText = head.hasSuffix(String(ellipsis)) ? head : head + String(ellipsis)
        return headText + String(end)
    }

    public static func fit(_ s: String, width: Int, alignment: Alignment = .left) -> String {
        guard width > 0 else { return "" }
        let t = truncate(s, width: width)
        let gap = width - DisplayWidth.of(t)
        guard gap > 0 else { return t }
        switch alignment {
        case .left:
            return t + String(repeating: " ", count: gap)
        case .right:
            return String(repeating: " ", count: gap) + t
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + t + String(repeating: " ", count: gap - left)
        }
    }

    /// Columns of `s` (shorthand for `DisplayWidth.of`).
    public static func width(_ s: String) -> Int { DisplayWidth.of(s) }
}
