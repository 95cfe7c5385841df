/// Text progress bars: filled cells `█`, one partly-filled cell `▓`, empty cells `░`, then the
/// percentage as text, so progress never depends on colour.
public enum ProgressBar {
    /// Exactly `width` columns (for width >= 5): the bar, a space and a right-aligned percentage
    /// (`"████▓░░░░░  42%"`). The percentage is rounded down (99.9 % shows 99 %, only done is
    /// 100 %). Fractions outside 0…1 are clamped; NaN counts as 0. Below 5 columns only the
    /// percentage is shown, truncated.
    public static func text(fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let f = fraction.isNaN ? 0 : min(1, max(0, fraction))
        let percent = f >= 1 ? 100 : Int(f * 100)
        let label = String(percent) + "%"
        let paddedLabel = String(repeating: " ", count: 4 - label.count) + label
        guard width >= 5 else { return Text.truncate(label, width: width) }
        return bar(fraction: f, width: width - 5) + " " + paddedLabel
    }

    /// The bar alone, `width` columns.
    public static func bar(fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let f = fraction.isNaN ? 0 : min(1, max(0, fraction))
        // A tiny tolerance so 0.6 × 5 counts as exactly 3 cells, not 3 and a sliver.
        let exact = f * Double(width)
        let full = min(width, Int(exact + 1e-9))
        let partial = full < width && exact - Double(full) > 1e-9 ? 1 : 0
        return String(repeating: "█", count: full) + String(repeating: "▓", count: partial)
            + String(repeating: "░", count: width - full - partial)
    }
}
