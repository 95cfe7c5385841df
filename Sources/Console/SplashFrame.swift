import ScreenKit

/// The first frame while slow set-up runs before the console's state exists (`badge demo`
/// connecting to its simulator): a title bar and one centred line, so the terminal is never
/// blank (issue #17).
public enum SplashFrame {
    public static func render(_ text: String, size: Size) -> ScreenBuffer {
        if ScreenBuffer.isTooSmall(size, minimum: minimumSize) {
            return ScreenBuffer.tooSmall(size: size, minimum: minimumSize)
        }
        var buf = ScreenBuffer(size: size)
        buf.bar(y: 0, left: "Badge Console", right: "", role: .title)
        let line = truncate(clean(text), size.width - 4)
        buf.put(line, x: max(2, (size.width - DisplayWidth.of(line)) / 2), y: size.height / 2 - 1)
        return buf
    }
}
