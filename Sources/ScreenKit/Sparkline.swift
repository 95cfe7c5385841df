/// One-line charts from the eight block heights `▁▂▃▄▅▆▇█`.
public enum Sparkline {
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One character per value, scaled to the largest value (or `maxValue` when given): zero and
    /// negative values are `▁`, any positive value is at least `▂` (so "some" never looks like
    /// "none"), the maximum is `█`. When `width` is given and there are more values, the LAST
    /// `width` values are shown (most recent on the right); fewer values are not padded.
    public static func text(_ values: [Double], width: Int? = nil, maxValue: Double? = nil) -> String {
        var shown = values
        if let width {
            guard width > 0 else { return "" }
            if shown.count > width { shown = Array(shown.suffix(width)) }
        }
        let top = maxValue ?? shown.filter { $0.isFinite }.max() ?? 0
        var out = ""
        for v in shown {
            guard v.isFinite, v > 0, top > 0 else {
                out.append(levels[0])
                continue
            }
            let scaled = min(1, v / top)
            let level = 1 + Int((scaled * 6).rounded())
            out.append(levels[min(7, level)])
        }
        return out
    }

    /// Convenience for counts.
    public static func text(_ values: [Int], width: Int? = nil) -> String {
        text(values.map(Double.init), width: width)
    }
}
