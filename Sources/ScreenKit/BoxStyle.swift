/// The characters of a box border. `.single` uses Unicode box drawing; `.ascii` is the fallback
/// for terminals or fonts without it (`+`, `-`, `|`).
public struct BoxStyle: Sendable, Hashable {
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var horizontal: Character
    public var vertical: Character
    /// Tee pieces for a rule that joins a box's side borders.
    public var teeLeft: Character
    public var teeRight: Character

    public init(topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character,
                horizontal: Character, vertical: Character, teeLeft: Character, teeRight: Character) {
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
        self.horizontal = horizontal
        self.vertical = vertical
        self.teeLeft = teeLeft
        self.teeRight = teeRight
    }

    /// `┌─┐ │ └─┘ ├ ┤`
    public static let single = BoxStyle(topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
                                        horizontal: "─", vertical: "│", teeLeft: "├", teeRight: "┤")
    /// `╭─╮ │ ╰─╯` (rounded corners, single lines).
    public static let rounded = BoxStyle(topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯",
                                         horizontal: "─", vertical: "│", teeLeft: "├", teeRight: "┤")
    /// `+-+ | +-+` for ASCII-only terminals.
    public static let ascii = BoxStyle(topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
                                       horizontal: "-", vertical: "|", teeLeft: "+", teeRight: "+")
}
