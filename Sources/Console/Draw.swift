import Foundation
import ScreenKit

/// The ONE route for untrusted provider text to the screen (SPEC §8): ScreenKit's `Sanitizer`
/// (control characters and escape introducers become visible placeholders, bidi controls dropped).
func clean(_ s: String) -> String { Sanitizer.sanitize(s) }

/// Cuts text to `width` columns, ending with `…` when cut; never splits a wide grapheme.
func truncate(_ s: String, _ width: Int) -> String { Text.truncate(s, width: width) }

/// Truncates and pads with spaces to exactly `width` columns.
func fit(_ s: String, _ width: Int) -> String { Text.fit(s, width: width) }

/// Right-aligns within `width` columns.
func fitRight(_ s: String, _ width: Int) -> String { Text.fit(s, width: width, alignment: .right) }

extension ScreenBuffer {
    /// A box outline with an optional title in the top border.
    mutating func box(x: Int, y: Int, width: Int, height: Int, title: String = "", role: Role = .border,
                      titleRole: Role = .title) {
        drawBox(x: x, y: y, width: width, height: height, role: role, title: title, titleRole: titleRole)
    }

    /// A full-width bar of a role with left and right text.
    mutating func bar(y: Int, left: String, right: String = "", role: Role) {
        fill(x: 0, y: y, width: size.width, height: 1, role: role)
        let r = truncate(right, max(0, size.width / 2))
        let rw = DisplayWidth.of(r)
        put(truncate(left, size.width - rw - 2), x: 1, y: y, role: role)
        if rw > 0 { put(r, x: size.width - rw - 1, y: y, role: role) }
    }
}
