/// An in-memory frame of cells (ARCHITECTURE §3). Renders draw into it from scratch each frame; the
/// terminal backend diffs two buffers and writes only changed cells. Tests compare `lines`.
///
/// Invariant kept by every drawing method (not by the raw subscript setter): a wide grapheme is a
/// lead cell followed by exactly one continuation cell. Overwriting either half of a wide grapheme
/// blanks the other half, so no dangling continuation (or orphaned lead) is ever left behind.
public struct ScreenBuffer: Sendable, Hashable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size) {
        self.size = size
        self.cells = Array(repeating: .blank, count: max(0, size.width) * max(0, size.height))
    }

    /// Raw cell access. The setter does not repair wide-grapheme halves; prefer `put`.
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < size.width && y < size.height
    }

    /// Writes `text` (already sanitised) at x,y with a role, clipped at `maxX` (exclusive, default:
    /// the right edge). A wide grapheme that would straddle the clip edge is not drawn; one that
    /// straddles the left edge (x < 0) leaves a blank in its visible half. Zero-width and control
    /// clusters are skipped. Returns the column after the last drawn cell.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .normal, maxX: Int? = nil) -> Int {
        guard y >= 0, y < size.height else { return x }
        let limit = min(maxX ?? size.width, size.width)
        var col = x
        for g in text {
            if col >= limit { break }
            let w = DisplayWidth.of(g)
            if w == 0 { continue }
            if col + w > limit { break }
            if col >= 0 {
                writeCell(Cell(grapheme: String(g), role: role), width: w, x: col, y: y)
            } else if col + w > 0 {
                // Left half clipped: show a blank in the visible column.
                writeCell(Cell(grapheme: " ", role: role), width: 1, x: 0, y: y)
            }
            col += w
        }
        return col
    }

    /// Fills a rectangle with blanks of a role (e.g. a selection bar).
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, role: Role) {
        let x0 = max(0, x), x1 = min(size.width, x + width)
        guard x0 < x1 else { return }
        for row in max(0, y)..<min(size.height, y + height) {
            repairEdges(x0: x0, x1: x1, y: row)
            for col in x0..<x1 {
                cells[row * size.width + col] = Cell(grapheme: " ", role: role)
            }
        }
    }

    /// Sets the role of existing cells in a rectangle, keeping their text. A wide grapheme cut by
    /// the rectangle's edge gets the role on both halves.
    public mutating func setRole(x: Int, y: Int, width: Int, height: Int = 1, role: Role) {
        var x0 = max(0, x), x1 = min(size.width, x + width)
        guard x0 < x1 else { return }
        for row in max(0, y)..<min(size.height, y + height) {
            if self[x0, row].isContinuation && x0 > 0 { x0 -= 1 }
            if x1 < size.width && self[x1, row].isContinuation { x1 += 1 }
            for col in x0..<x1 {
                cells[row * size.width + col].role = role
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

    /// The role of each cell as one character per cell (`Role.code`), row by row — a styling
    /// snapshot for tests.
    public var roleLines: [String] {
        (0..<size.height).map { row in
            String((0..<size.width).map { self[$0, row].role.code })
        }
    }

    // MARK: - Wide-grapheme bookkeeping

    /// Writes one cell of display width `width` (1 or 2) at x,y (in bounds, x+width <= size.width),
    /// blanking the other half of any wide grapheme it partially overwrites.
    mutating func writeCell(_ cell: Cell, width: Int, x: Int, y: Int) {
        repairEdges(x0: x, x1: x + width, y: y)
        let i = y * size.width + x
        cells[i] = cell
        if width == 2 {
            cells[i + 1] = Cell(grapheme: "", role: cell.role, isContinuation: true)
        }
    }

    /// Before columns x0..<x1 of row y are overwritten: a wide grapheme whose lead is left of x0
    /// and whose continuation is inside, or whose lead is inside and continuation at x1, loses its
    /// other half — blank it.
    private mutating func repairEdges(x0: Int, x1: Int, y: Int) {
        let base = y * size.width
        if x0 > 0 && x0 < size.width && cells[base + x0].isContinuation {
            cells[base + x0 - 1] = Cell(grapheme: " ", role: cells[base + x0 - 1].role)
        }
        if x1 < size.width && x1 > 0 && cells[base + x1].isContinuation {
            cells[base + x1] = Cell(grapheme: " ", role: cells[base + x1].role)
        }
    }
}
