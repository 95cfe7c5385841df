import CNcursesw
import ScreenKit

extension Terminal {
    /// Shows `buffer`: only rows that differ from the previous frame are touched, and in those
    /// only the span from the first to the last changed cell (widened to whole wide graphemes).
    /// A size change (or `invalidate()`) redraws everything. `cursor`, when given, shows the
    /// text cursor there (e.g. in a search field); otherwise it stays hidden.
    public func present(_ buffer: ScreenBuffer, cursor: (x: Int, y: Int)? = nil) {
        guard isActive else { return }
        let width = buffer.size.width, height = buffer.size.height
        let old = previousFrame.flatMap { $0.size == buffer.size ? $0 : nil }
        if old == nil { werase(cn_stdscr()) }
        let cells = buffer.cells
        for y in 0..<height {
            let base = y * width
            var first = 0, last = width - 1
            if let old {
                let oldCells = old.cells
                while first < width && cells[base + first] == oldCells[base + first] { first += 1 }
                if first == width { continue }
                while last > first && cells[base + last] == oldCells[base + last] { last -= 1 }
            }
            if first > 0 && cells[base + first].isContinuation { first -= 1 }
            if last + 1 < width && cells[base + last + 1].isContinuation { last += 1 }
            drawSpan(buffer, y: y, from: first, to: last)
        }
        if let cursor, buffer.contains(x: cursor.x, y: cursor.y) {
            if !isCursorVisible { curs_set(1); isCursorVisible = true }
            wmove(cn_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else if isCursorVisible {
            curs_set(0)
            isCursorVisible = false
        }
        wnoutrefresh(cn_stdscr())
        doupdate()
        previousFrame = buffer
    }

    private func drawSpan(_ buffer: ScreenBuffer, y: Int, from: Int, to: Int) {
        guard from <= to else { return }
        let width = buffer.size.width
        var x = from
        var scalars: [wchar_t] = []
        scalars.reserveCapacity(8)
        while x <= to {
            let cell = buffer[x, y]
            let st = style(for: cell.role)
            if cell.isContinuation {
                // Drawn by its lead; a dangling one (lead not wide) shows a blank.
                let leadIsWide = x > 0 && !buffer[x - 1, y].isContinuation
                    && buffer[x - 1, y].grapheme.first.map { DisplayWidth.of($0) == 2 } == true
                if !leadIsWide { putBlank(x: x, y: y, style: st) }
                x += 1
                continue
            }
            guard let g = cell.grapheme.first, cell.grapheme.count == 1 else {
                putBlank(x: x, y: y, style: st)
                x += 1
                continue
            }
            var w = DisplayWidth.of(g)
            let safe = Sanitizer.isSafe(cell.grapheme) && w > 0
            if !safe || (w == 2 && (x + 1 >= width || !buffer[x + 1, y].isContinuation)) {
                // Unsanitised control, zero-width, or a wide grapheme without room: a visible
                // one-column placeholder keeps alignment and executes nothing.
                scalars = [0xFFFD, 0]
                w = 1
            } else {
                scalars.removeAll(keepingCapacity: true)
                for s in g.unicodeScalars { scalars.append(wchar_t(bitPattern: s.value)) }
                scalars.append(0)
            }
            let count = Int32(scalars.count - 1)
            _ = scalars.withUnsafeBufferPointer { p in
                cn_put_cell(Int32(y), Int32(x), p.baseAddress, count, Int32(w), st.attributes, st.pair)
            }
            x += w
        }
    }

    private func putBlank(x: Int, y: Int, style st: CellStyle) {
        var blank: [wchar_t] = [0x20, 0]
        _ = blank.withUnsafeMutableBufferPointer { p in
            cn_put_cell(Int32(y), Int32(x), p.baseAddress, 1, 1, st.attributes, st.pair)
        }
    }
}
