/// One terminal cell: a grapheme cluster (or nothing, for the right half of a wide grapheme),
/// its semantic role and bold/underline/reverse emphasis.
public struct Cell: Sendable, Hashable {
    /// The grapheme drawn in this cell; "" for a continuation cell of a wide grapheme.
    public var grapheme: String
    public var role: Role
    /// True for the second column of a double-width grapheme.
    public var isContinuation: Bool

    public init(grapheme: String = " ", role: Role = .normal, isContinuation: Bool = false) {
        self.grapheme = grapheme
        self.role = role
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}
