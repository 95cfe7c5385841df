/// How wide a table column is.
public enum ColumnWidth: Sendable, Hashable {
    /// Exactly n columns.
    case fixed(Int)
    /// At least `min` columns, plus a share of the spare width proportional to `weight`.
    case flex(min: Int, weight: Int)
}

/// A column of a `Table`: its header title, width budget and alignment.
public struct TableColumn: Sendable, Hashable {
    public var title: String
    public var width: ColumnWidth
    public var alignment: Alignment

    public init(_ title: String, _ width: ColumnWidth, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// One cell of a table row: untrusted text (sanitised when drawn) and an optional role that
/// overrides the row's role (e.g. `.checkedIn` for a status cell) — except on the selected row,
/// which is drawn entirely in the selection role.
public struct TableCell: Sendable, Hashable, ExpressibleByStringLiteral {
    public var text: String
    public var role: Role?

    public init(_ text: String, role: Role? = nil) {
        self.text = text
        self.role = role
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }
}

/// A table renderer with column budgets (immediate mode: it draws only the rows it is given, so the
/// caller passes the visible slice and cost never grows with the data set).
public struct Table: Sendable, Hashable {
    public var columns: [TableColumn]
    /// Drawn between columns (its display width counts against the budget).
    public var separator: String
    public var headerRole: Role
    public var rowRole: Role
    public var selectionRole: Role

    public init(columns: [TableColumn], separator: String = " ", headerRole: Role = .header,
                rowRole: Role = .normal, selectionRole: Role = .selection) {
        self.columns = columns
        self.separator = separator
        self.headerRole = headerRole
        self.rowRole = rowRole
        self.selectionRole = selectionRole
    }

    /// Column widths for `totalWidth` columns. Every column first gets its fixed width or flex
    /// minimum, left to right, each after a separator; a column whose minimum no longer fits is
    /// hidden (width 0) together with every column after it. The spare width goes to the visible
    /// flex columns in proportion to their weights (rounding remainder to the leftmost ones).
    public static func columnWidths(_ widths: [ColumnWidth], totalWidth: Int, separatorWidth: Int = 1) -> [Int] {
        var result = Array(repeating: 0, count: widths.count)
        var used = 0
        var visible = 0
        for (i, w) in widths.enumerated() {
            let minimum: Int
            switch w {
            case .fixed(let n): minimum = max(0, n)
            case .flex(let m, _): minimum = max(0, m)
            }
            let sep = visible > 0 ? separatorWidth : 0
            if used + sep + minimum > totalWidth { break }
            used += sep + minimum
            result[i] = minimum
            visible += 1
        }
        var spare = totalWidth - used
        let flexIndices = (0..<visible).filter {
            if case .flex(_, let weight) = widths[$0], weight > 0 { return true }
            return false
        }
        let totalWeight = flexIndices.reduce(0) { sum, i in
            if case .flex(_, let weight) = widths[i] { return sum + weight }
            return sum
        }
        guard spare > 0, totalWeight > 0 else { return result }
        let pool = spare
        for i in flexIndices {
            if case .flex(_, let weight) = widths[i] {
                let share = pool * weight / totalWeight
                result[i] += share
                spare -= share
            }
        }
        var k = 0
        while spare > 0 {
            result[flexIndices[k % flexIndices.count]] += 1
            spare -= 1
            k += 1
        }
        return result
    }

    /// The first row to show so that `selected` stays visible, moving the window as little as
    /// possible from `currentOffset`, clamped to the data.
    public static func scrollOffset(selected: Int, rowCount: Int, visibleRows: Int, currentOffset: Int) -> Int {
        guard rowCount > 0, visibleRows > 0 else { return 0 }
        var offset = currentOffset
        if selected < offset { offset = selected }
        if selected >= offset + visibleRows { offset = selected - visibleRows + 1 }
        return min(max(0, offset), max(0, rowCount - visibleRows))
    }

    /// Draws the header (when `showHeader`) and up to `height - 1` of `rows` (each cell sanitised
    /// and truncated with `…` to its column) in the rectangle x,y,width,height. `selected` is an
    /// index into `rows`; that row is drawn in `selectionRole` across the full width.
    /// Returns the widths used per column.
    @discardableResult
    public func draw(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, height: Int,
                     rows: [[TableCell]], selected: Int? = nil, showHeader: Bool = true) -> [Int] {
        let sepWidth = DisplayWidth.of(separator)
        let widths = Table.columnWidths(columns.map(\.width), totalWidth: width, separatorWidth: sepWidth)
        guard height > 0, width > 0 else { return widths }
        var row = y
        if showHeader {
            drawRow(into: &buffer, x: x, y: row, width: width, widths: widths,
                    texts: columns.map { TableCell($0.title) }, role: headerRole, forceRole: true)
            row += 1
        }
        for (i, cells) in rows.enumerated() {
            guard row < y + height else { break }
            let isSelected = i == selected
            drawRow(into: &buffer, x: x, y: row, width: width, widths: widths, texts: cells,
                    role: isSelected ? selectionRole : rowRole, forceRole: isSelected)
            row += 1
        }
        return widths
    }

    private func drawRow(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, widths: [Int],
                         texts: [TableCell], role: Role, forceRole: Bool) {
        buffer.fill(x: x, y: y, width: width, height: 1, role: role)
        var col = x
        var first = true
        for (i, w) in widths.enumerated() where w > 0 || (i < widths.count && columnIsVisible(i, widths)) {
            if !first { col = buffer.put(separator, x: col, y: y, role: role, maxX: x + width) }
            first = false
            let cell = i < texts.count ? texts[i] : TableCell("")
            let text = Sanitizer.sanitize(cell.text, maxWidth: w)
            let cellRole = forceRole ? role : (cell.role ?? role)
            col = buffer.put(text, x: col, y: y, width: w, alignment: columns[i].alignment, role: cellRole)
        }
    }

    /// A zero-width column is visible only if some later column has width (fixed(0) columns are odd
    /// but legal); hidden trailing columns are never drawn.
    private func columnIsVisible(_ i: Int, _ widths: [Int]) -> Bool {
        widths[i...].contains { $0 > 0 }
    }
}
