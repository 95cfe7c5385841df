import ScreenKit

/// Plain-text tables for humans: every cell is sanitised (provider text is untrusted, SPEC §8)
/// and columns are aligned by display width, so CJK and emoji names line up.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Widest a column may get; longer cells are cut with `…`.
    var maxColumnWidth = 40

    init(_ headers: [String]) {
        self.headers = headers
    }

    mutating func add(_ cells: [String]) {
        rows.append(cells.map { Sanitizer.sanitize($0, maxWidth: maxColumnWidth) })
    }

    func render() -> String {
        var widths = headers.map { DisplayWidth.of($0) }
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], DisplayWidth.of(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() {
                let isLast = i == cells.count - 1
                parts.append(isLast ? cell : Text.fit(cell, width: widths[i]))
            }
            return parts.joined(separator: "  ")
        }
        var out = [line(headers)]
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
    }
}
