import ScreenKit

/// The badge as it will print, drawn in text by the composition root from the label raster
/// (half blocks or braille, `Printing.TerminalPreview`) for a box of `columns × rows` cells the
/// console asked for (`Effect.loadBadgePreview`). The console only places the lines; it never
/// sees the raster, the fonts or the printer (the dependency rule: Console does not import
/// Printing).
public struct BadgePreview: Sendable, Hashable {
    public var attendeeId: Int64
    /// The box the lines were drawn for.
    public var columns: Int
    public var rows: Int
    /// The picture: at most `rows` lines of at most `columns` cells of block or braille characters.
    public var lines: [String]
    /// One line under the picture ("Default · 62×100 mm"), or why there is no picture
    /// ("no badge template"); untrusted parts are sanitised when drawn.
    public var caption: String

    public init(attendeeId: Int64, columns: Int, rows: Int, lines: [String], caption: String) {
        self.attendeeId = attendeeId
        self.columns = columns
        self.rows = rows
        self.lines = lines
        self.caption = caption
    }

    /// The picture box (inside the frame) the card has at this terminal size, nil when the card
    /// has no room for a preview. 80×24 gets a compact one beside the details.
    public static func cardBox(for size: Size) -> (columns: Int, rows: Int)? {
        guard size.width >= 80, size.height >= 20 else { return nil }
        let outer = size.width >= 120 ? 32 : 20
        // Rows 2 … height − 3 hold the frame (title row, picture, caption row, bottom border).
        return (outer - 2, size.height - 3 - 2 - 3)
    }

    /// Whether this picture was drawn for `box` (a picture for another box is not shown).
    func fits(_ box: (columns: Int, rows: Int)?) -> Bool {
        guard let box else { return false }
        return columns == box.columns && rows == box.rows
    }

    /// The picture box beside the scan verdict's details (below the verdict band, right side),
    /// nil when there is no room.
    public static func scanBox(for size: Size) -> (columns: Int, rows: Int)? {
        guard size.width >= 80, size.height >= 20 else { return nil }
        let rows = size.height - 3 - scanTop(for: size) - 3
        guard rows >= 4 else { return nil }
        return ((size.width >= 120 ? 26 : 16) - 2, rows)
    }

    /// First row of the scan screen's preview frame: under the verdict band (see `ScanView`).
    static func scanTop(for size: Size) -> Int { 5 + (size.height >= 30 ? 7 : 5) + 1 }

    /// The picture box right of the kiosk's "Is this you?" card (centred, 60 columns), nil when
    /// there is no room (the kiosk at 80 × 24 shows the card alone).
    public static func kioskBox(for size: Size) -> (columns: Int, rows: Int)? {
        let outer = min(32, (size.width - 60) / 2 - 3)
        // Room under the card's top for the frame, also when "done" moves the card 2 rows down.
        let rows = size.height - 4 - kioskTop(for: size) - 3 - 2
        guard outer >= 14, rows >= 8 else { return nil }
        return (outer - 2, rows)
    }

    /// First row of the kiosk's preview frame: level with its card (see `KioskView`).
    static func kioskTop(for size: Size) -> Int { max(3, (size.height - 16) / 2) + 2 }

    /// Columns inside the frame: the picture, or the caption up to the box width (at least 12).
    static func innerWidth(_ preview: BadgePreview) -> Int {
        let pictureWidth = preview.lines.map { DisplayWidth.of($0) }.max() ?? 0
        return max(pictureWidth, min(preview.columns, max(12, DisplayWidth.of(Sanitizer.sanitize(preview.caption)))))
    }

    /// Draws the framed preview with its right edge at `right` (exclusive) from row `y`; returns
    /// the first column it uses (content to the left must end before it).
    @discardableResult
    static func draw(_ preview: BadgePreview, right: Int, y: Int, into buf: inout ScreenBuffer) -> Int {
        let caption = Sanitizer.sanitize(preview.caption)
        let pictureWidth = preview.lines.map { DisplayWidth.of($0) }.max() ?? 0
        let inner = innerWidth(preview)
        let width = inner + 2, height = preview.lines.count + 3
        let x = right - width
        buf.drawBox(x: x, y: y, width: width, height: height, role: .border, title: "Badge", titleRole: .dim)
        let pad = (inner - pictureWidth) / 2
        for (i, line) in preview.lines.prefix(preview.rows).enumerated() {
            // Our own block/braille characters, never provider text.
            buf.put(line, x: x + 1 + pad, y: y + 1 + i, role: .normal, maxX: x + 1 + inner)
        }
        buf.put(Text.truncate(caption, width: inner), x: x + 1, y: y + 1 + preview.lines.count, role: .dim,
                maxX: x + 1 + inner)
        return x
    }
}
