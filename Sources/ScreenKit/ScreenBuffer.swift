/// An in-memory frame of cells (ARCHITECTURE §3). Renders draw into it from scratch each frame; the
/// terminal backend diffs two buffers and writes only changed cells. Tests compare `lines`.
public struct ScreenBuffer: Sendable, Hashable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size) {
        self.size = size
        self.cells = Array(repeating: .blank, count: max(0, size.width) * max(0, size.height))
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < size.width && y < size.height
    }

    /// Writes `text` (already sanitised) at x,y with a role, clipped at `maxX` (exclusive, default:
    /// the right edge). A wide grapheme that would straddle the clip edge is not drawn. Returns the
    /// column after the last drawn cell.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .normal, maxX: Int? = nil) -> Int {
        guard y >= 0, y < size.height else { return x }
        let limit = min(maxX ?? size.width, size.width)
        var col = x
        for g in text {
            let w = DisplayWidth.of(g)
            if w == 0 {
                // Combining/format graphemes standing alone: attach nothing, skip.
                continue
            }
            if col + w > limit { break }
            if col >= 0 {
                self[col, y] = Cell(grapheme: String(g), role: role)
                if w == 2 { self[col + 1, y] = Cell(grapheme: "", role: role, isContinuation: true) }
            }
            col += w
        }
        return col
    }

    /// Fills a rectangle with blanks of a role (e.g. a selection bar).
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, role: Role) {
        for row in max(0, y)..<min(size.height, y + height) {
            for col in max(0, x)..<min(size.width, x + width) {
                self[col, row] = Cell(grapheme: " ", role: role)
            }
        }
    }

    /// Sets the role of existing cells in a rectangle, keeping their text.
    public mutating func setRole(x: Int, y: Int, width: Int, height: Int = 1, role: Role) {
        for row in max(0, y)..<min(size.height, y + height) {
            for col in max(0, x)..<min(size.width, x + width) {
                self[col, row].role = role
            }
        }
    }

    /// The text of each row (continuation cells omitted), for tests and snapshots.
    public var lines: [String] {
        (0..<size.height).map { row in
            var s = ""
            for col in 0..<size.width {
                let c = self[col, row]
                if !c.isContinuation { s += c.grapheme }
            }
            return s
        }
    }

    /// Rows joined with newlines, trailing spaces trimmed per row.
    public var text: String {
        lines.map { line in
            var l = Substring(line)
            while l.last == " " { l = l.dropLast() }
            return String(l)
        }.joined(separator: "\n")
    }
}
