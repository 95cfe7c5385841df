import Foundation

/// A minimal PDF 1.7 file writer: numbered indirect objects, streams, a classic cross-reference
/// table with exact byte offsets, and the trailer. Objects may be reserved first and filled in
/// later so dictionaries can reference each other.
struct PDFWriter {
    private var bodies: [[UInt8]?] = []

    /// Reserves an object number (1-based).
    mutating func reserve() -> Int {
        bodies.append(nil)
        return bodies.count
    }

    mutating func set(_ number: Int, _ body: String) {
        bodies[number - 1] = Array(body.utf8)
    }

    mutating func setStream(_ number: Int, dictionary: String, data: [UInt8]) {
        let head = "<< \(dictionary) /Length \(data.count) >>\nstream\n"
        bodies[number - 1] = Array(head.utf8) + data + Array("\nendstream".utf8)
    }

    @discardableResult
    mutating func add(_ body: String) -> Int {
        let n = reserve()
        set(n, body)
        return n
    }

    @discardableResult
    mutating func addStream(dictionary: String = "", data: [UInt8]) -> Int {
        let n = reserve()
        setStream(n, dictionary: dictionary, data: data)
        return n
    }

    /// The complete file. `root` is the catalog object, `info` the optional document info.
    func finish(root: Int, info: Int?) -> Data {
        var out: [UInt8] = Array("%PDF-1.7\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        var offsets: [Int] = []
        for (index, body) in bodies.enumerated() {
            offsets.append(out.count)
            out += Array("\(index + 1) 0 obj\n".utf8)
            out += body ?? Array("null".utf8)
            out += Array("\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(bodies.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(bodies.count + 1) /Root \(root) 0 R"
        if let info { table += " /Info \(info) 0 R" }
        table += " >>\nstartxref\n\(xref)\n%%EOF\n"
        out += Array(table.utf8)
        return Data(out)
    }

    /// A PDF text string: literal `( … )` for printable ASCII, UTF-16BE hex with BOM otherwise.
    static func textString(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            var escaped = ""
            for c in text {
                if c == "(" || c == ")" || c == "\\" { escaped.append("\\") }
                escaped.append(c)
            }
            return "(\(escaped))"
        }
        return "<FEFF" + text.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }

    /// Largest magnitude written; PDF readers only promise about ±3.4e38 for reals and ±2^31 for
    /// integers, and a validated layout never comes near it (a page side is at most 14 400 pt).
    static let numberLimit = 1e9

    /// A number with at most 3 decimals and no trailing zeros ("12", "3.5", "-0.125"). Never traps:
    /// NaN and infinities are written as 0 and huge values are clamped to ±`numberLimit`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let clamped = Swift.min(Swift.max(value, -numberLimit), numberLimit)
        let rounded = (clamped * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.3f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
