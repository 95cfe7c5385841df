extension ScreenBuffer {
    /// Draws `text` in a field of `width` columns at x,y: the field is first filled with blanks of
    /// `role`, then the text is truncated with `…` if needed and aligned. Returns `x + width`.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, width: Int, alignment: Alignment = .left,
                             role: Role = .normal) -> Int {
        guard width > 0 else { return x }
        fill(x: x, y: y, width: width, height: 1, role: role)
        let t = Text.truncate(text, width: width)
        let gap = width - DisplayWidth.of(t)
        let offset: Int
        switch alignment {
        case .left: offset = 0
        case .right: offset = gap
        case .center: offset = gap / 2
        }
        put(t, x: x + offset, y: y, role: role, maxX: x + width)
        return x + width
    }

    /// Draws a box border of `width` × `height` cells (both >= 2) with an optional title on the top
    /// border (` title `, truncated to fit). The inside is left untouched.
    public mutating func drawBox(x: Int, y: Int, width: Int, height: Int, role: Role = .border,
                                 style: BoxStyle = .single, title: String? = nil, titleRole: Role = .title) {
        guard width >= 2, height >= 2 else { return }
        let right = x + width - 1, bottom = y + height - 1
        drawHorizontalRule(x: x + 1, y: y, width: width - 2, role: role, style: style)
        drawHorizontalRule(x: x + 1, y: bottom, width: width - 2, role: role, style: style)
        for row in (y + 1)..<bottom {
            put(String(style.vertical), x: x, y: row, role: role)
            put(String(style.vertical), x: right, y: row, role: role)
        }
        put(String(style.topLeft), x: x, y: y, role: role)
        put(String(style.topRight), x: right, y: y, role: role)
        put(String(style.bottomLeft), x: x, y: bottom, role: role)
        put(String(style.bottomRight), x: right, y: bottom, role: role)
        if let title, !title.isEmpty, width >= 5 {
            let t = Text.truncate(title, width: width - 4)
            put(" " + t + " ", x: x + 1, y: y, role: titleRole, maxX: right)
        }
    }

    /// A horizontal line of `width` cells.
    public mutating func drawHorizontalRule(x: Int, y: Int, width: Int, role: Role = .border,
                                            style: BoxStyle = .single) {
        guard width > 0 else { return }
        put(String(repeating: style.horizontal, count: width), x: x, y: y, role: role, maxX: x + width)
    }

    /// A vertical line of `height` cells.
    public mutating func drawVerticalRule(x: Int, y: Int, height: Int, role: Role = .border,
                                          style: BoxStyle = .single) {
        guard height > 0 else { return }
        for row in y..<(y + height) { put(String(style.vertical), x: x, y: row, role: role) }
    }

    /// A progress bar with its percentage (`ProgressBar.text`), exactly `width` columns.
    public mutating func drawProgressBar(x: Int, y: Int, width: Int, fraction: Double, role: Role = .progress) {
        put(ProgressBar.text(fraction: fraction, width: width), x: x, y: y, width: width, role: role)
    }

    /// A sparkline of the last `width` values (`Sparkline.text`).
    public mutating func drawSparkline(x: Int, y: Int, width: Int, values: [Double], role: Role = .accent) {
        put(Sparkline.text(values, width: width), x: x, y: y, width: width, role: role)
    }

    /// A frame saying the terminal is too small: the current and the minimum size, centred.
    /// Renders use it when `size` is below `minimum` in either dimension.
    public static func tooSmall(size: Size, minimum: Size = Size(width: 80, height: 24)) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: size)
        guard size.width > 0, size.height > 0 else { return buffer }
        let lines = [
            "Terminal too small",
            "\(size.width)×\(size.height), need \(minimum.width)×\(minimum.height)",
            "Enlarge the window or press q to quit",
        ]
        let shown = Array(lines.prefix(size.height))
        let top = max(0, (size.height - shown.count) / 2)
        for (i, line) in shown.enumerated() {
            buffer.put(line, x: 0, y: top + i, width: size.width, alignment: .center,
                       role: i == 0 ? .statusWarn : .normal)
        }
        return buffer
    }

    /// True when `size` is below `minimum` in either dimension.
    public static func isTooSmall(_ size: Size, minimum: Size = Size(width: 80, height: 24)) -> Bool {
        size.width < minimum.width || size.height < minimum.height
    }
}
