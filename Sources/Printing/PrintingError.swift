import Foundation

/// Every failure of the Printing module, with the context a user needs to fix it (a template line
/// number, a font path, the `lp` output). `description` is the one-line human reason.
public enum PrintingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A template text could not be parsed; `line` is 1-based.
    case template(line: Int, message: String)
    /// No font from the search paths could be loaded.
    case noUsableFont(searched: [String])
    /// A font file exists but is not a TrueType font we can embed.
    case badFont(path: String, reason: String)
    /// The attendee's barcode does not fit a QR code of versions 1–10 at ECC level M.
    case barcodeTooLong(bytes: Int, maximum: Int)
    /// `lp` is not installed (or not executable).
    case lpNotFound
    /// `lp` ran and failed.
    case lpFailed(printer: String, status: Int32, message: String)
    /// No template applies (no VIP/ticket variant matched and the event has no Default).
    case noTemplate(ticketName: String?)
    /// Writing the PDF file failed.
    case writeFailed(path: String, reason: String)
    /// The badge is larger than any label printer prints (a raster would not fit in memory either).
    case badgeTooLarge(widthDots: Int, heightDots: Int, dpi: Int)

    public var description: String {
        switch self {
        case let .template(line, message):
            return "template line \(line): \(message)"
        case .noUsableFont:
            return "no usable font found: install fonts-dejavu-core"
        case let .badFont(path, reason):
            return "cannot use font \(path): \(reason)"
        case let .barcodeTooLong(bytes, maximum):
            return "barcode is \(bytes) bytes; a badge QR code holds at most \(maximum)"
        case .lpNotFound:
            return "lp not found: install cups-client or use --out FILE.pdf"
        case let .lpFailed(printer, status, message):
            let detail = message.isEmpty ? "" : ": \(message)"
            return "lp -d \(printer) failed (exit \(status))\(detail)"
        case let .noTemplate(ticketName):
            let ticket = ticketName.map { " for ticket \"\($0)\"" } ?? ""
            return "no badge template\(ticket): add a Default template (badge templates add)"
        case let .writeFailed(path, reason):
            return "cannot write \(path): \(reason)"
        case let .badgeTooLarge(width, height, dpi):
            return "a \(width)×\(height)-dot badge at \(dpi) dpi is too large for a label printer "
                + "(at most \(LabelRasterizer.maxSideDots) dots a side, \(LabelRasterizer.maxDots / 1_000_000) million in all)"
        }
    }
}
