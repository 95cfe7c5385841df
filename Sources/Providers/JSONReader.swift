import Foundation

/// A minimal pull reader over JSON bytes for the two hot pages of an import (Eventbrite orders,
/// Luma guests): 100 000 attendees arrive as ~150 MB of JSON, and `JSONDecoder` spends most of
/// its time building containers for fields the console never reads. This reader walks the bytes
/// once, hands each object key to the caller as raw bytes, and skips (while still validating)
/// everything else. Scalars are lenient like `FlexString`/`FlexBool`/`FlexInt`.
///
/// Errors carry the byte offset of the problem; an offset equal to the byte count means the
/// document was cut short.
struct JSONReader: ~Copyable {
    enum Failure: Error, Equatable {
        /// Invalid JSON, or a structure that is not what the page must be, at this byte.
        case invalid(at: Int)
    }

    /// An object key as raw bytes inside the document.
    struct Key {
        let base: UnsafePointer<UInt8>
        let count: Int

        /// Byte-wise comparison with an ASCII literal.
        @inline(__always)
        func `is`(_ literal: StaticString) -> Bool {
            literal.utf8CodeUnitCount == count && memcmp(base, literal.utf8Start, count) == 0
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Decodes `data` with `body`, which must consume exactly one top-level value.
    static func read<T>(_ data: Data, _ body: (inout JSONReader) throws -> T) throws -> T {
        try data.withUnsafeBytes { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            var reader = JSONReader(buffer)
            let value = try body(&reader)
            reader.skipSpace()
            guard reader.offset == buffer.count else { throw Failure.invalid(at: reader.offset) }
            return value
        }
    }

    // MARK: - Structure

    /// Reads an object, calling `field` for each key; `field` must consume the value. A `null`
    /// instead of the object is accepted (no calls).
    mutating func readObject(_ field: (Key, inout JSONReader) throws -> Void) throws {
        skipSpace()
        if try consumeNull() { return }
        try expect(UInt8(ascii: "{"))
        depth += 1
        guard depth < 256 else { throw Failure.invalid(at: offset) }
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            offset += 1
            depth -= 1
            return
        }
        while true {
            skipSpace()
            let key = try readKey()
            skipSpace()
            try expect(UInt8(ascii: ":"))
            try field(key, &self)
            skipSpace()
            guard offset < bytes.count else { throw Failure.invalid(at: offset) }
            let c = bytes[offset]
            offset += 1
            if c == UInt8(ascii: ",") { continue }
            if c == UInt8(ascii: "}") { break }
            throw Failure.invalid(at: offset - 1)
        }
        depth -= 1
    }

    /// Reads an array, calling `element` for each element; `element` must consume it. A `null`
    /// instead of the array is accepted (no calls).
    mutating func readArray(_ element: (inout JSONReader) throws -> Void) throws {
        skipSpace()
        if try consumeNull() { return }
        try expect(UInt8(ascii: "["))
        depth += 1
        guard depth < 256 else { throw Failure.invalid(at: offset) }
        skipSpace()
        if peek() == UInt8(ascii: "]") {
            offset += 1
            depth -= 1
            return
        }
        while true {
            try element(&self)
            skipSpace()
            guard offset < bytes.count else { throw Failure.invalid(at: offset) }
            let c = bytes[offset]
            offset += 1
            if c == UInt8(ascii: ",") { continue }
            if c == UInt8(ascii: "]") { break }
            throw Failure.invalid(at: offset - 1)
        }
        depth -= 1
    }

    /// True when the next value is an object (not consumed).
    mutating func nextIsObject() -> Bool {
        skipSpace()
        return peek() == UInt8(ascii: "{")
    }

    /// True when the next value is an array (not consumed).
    mutating func nextIsArray() -> Bool {
        skipSpace()
        return peek() == UInt8(ascii: "[")
    }

    // MARK: - Scalars (lenient)

    /// A string, or the text of a number/boolean; nil for null, and for an object or array
    /// (skipped), like `FlexString`.
    mutating func readFlexString() throws -> FlexString {
        FlexString(value: try readScalarText())
    }

    mutating func readFlexBool() throws -> FlexBool {
        skipSpace()
        if peek() == UInt8(ascii: "t") || peek() == UInt8(ascii: "f") {
            let range = try readBareScalar()
            return FlexBool(value: bytes[range.lowerBound] == UInt8(ascii: "t"))
        }
        guard let text = try readScalarText() else { return FlexBool(value: nil) }
        switch text.lowercased() {
        case "true", "1", "yes": return FlexBool(value: true)
        case "false", "0", "no": return FlexBool(value: false)
        default: return FlexBool(value: Double(text).map { $0 != 0 })
        }
    }

    mutating func readFlexInt() throws -> FlexInt {
        guard let text = try readScalarText() else { return FlexInt(value: nil) }
        if let value = Int(text) { return FlexInt(value: value) }
        if let value = Double(text), value.isFinite, abs(value) < 9e15 { return FlexInt(value: Int(value)) }
        return FlexInt(value: nil)
    }

    /// Skips any value, validating it.
    mutating func skipValue() throws {
        skipSpace()
        guard let c = peek() else { throw Failure.invalid(at: offset) }
        switch c {
        case UInt8(ascii: "{"): try readObject { _, reader in try reader.skipValue() }
        case UInt8(ascii: "["): try readArray { reader in try reader.skipValue() }
        case UInt8(ascii: "\""): try skipString()
        default: _ = try readBareScalar()
        }
    }

    // MARK: - Implementation

    @inline(__always)
    private func peek() -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    @inline(__always)
    mutating func skipSpace() {
        while offset < bytes.count {
            let c = bytes[offset]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            offset += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard offset < bytes.count, bytes[offset] == byte else { throw Failure.invalid(at: offset) }
        offset += 1
    }

    private mutating func consumeNull() throws -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        _ = try readBareScalar()
        return true
    }

    /// Text of a scalar; nil for null; an object or array is skipped and gives nil.
    private mutating func readScalarText() throws -> String? {
        skipSpace()
        guard let c = peek() else { throw Failure.invalid(at: offset) }
        switch c {
        case UInt8(ascii: "\""): return try readString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipValue()
            return nil
        default:
            let range = try readBareScalar()
            if bytes[range.lowerBound] == UInt8(ascii: "n") { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
    }

    /// `true`, `false`, `null` or a number; returns its byte range.
    private mutating func readBareScalar() throws -> Range<Int> {
        let start = offset
        guard let c = peek() else { throw Failure.invalid(at: offset) }
        func literal(_ word: StaticString) throws {
            let n = word.utf8CodeUnitCount
            guard offset + n <= bytes.count else { throw Failure.invalid(at: bytes.count) }
            guard memcmp(bytes.baseAddress! + offset, word.utf8Start, n) == 0 else { throw Failure.invalid(at: offset) }
            offset += n
        }
        switch c {
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            offset += 1
            while offset < bytes.count {
                let d = bytes[offset]
                guard (d >= 0x30 && d <= 0x39) || d == UInt8(ascii: ".") || d == UInt8(ascii: "e")
                        || d == UInt8(ascii: "E") || d == UInt8(ascii: "+") || d == UInt8(ascii: "-") else { break }
                offset += 1
            }
        default:
            throw Failure.invalid(at: offset)
        }
        return start..<offset
    }

    private mutating func readKey() throws -> Key {
        guard peek() == UInt8(ascii: "\"") else { throw Failure.invalid(at: offset) }
        let start = offset + 1
        // The closing quote found by memchr; a key without escapes or control bytes before it
        // (every key the providers send) is the bytes in between.
        if start < bytes.count, let base = bytes.baseAddress,
           let quote = memchr(base + start, Int32(UInt8(ascii: "\"")), bytes.count - start) {
            let end = base.distance(to: quote.assumingMemoryBound(to: UInt8.self))
            var plain = true
            for j in start..<end where bytes[j] == UInt8(ascii: "\\") || bytes[j] < 0x20 {
                plain = false
                break
            }
            if plain {
                offset = end + 1
                return Key(base: base + start, count: end - start)
            }
        }
        var i = start
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                offset = i + 1
                return Key(base: bytes.baseAddress! + start, count: i - start)
            }
            if c == UInt8(ascii: "\\") {
                // Escaped keys never name a field we read: validate and skip.
                try skipString()
                return Key(base: bytes.baseAddress!, count: 0)
            }
            if c < 0x20 { throw Failure.invalid(at: i) }
            i += 1
        }
        throw Failure.invalid(at: bytes.count)
    }

    private mutating func skipString() throws {
        offset += 1
        while offset < bytes.count {
            let c = bytes[offset]
            if c == UInt8(ascii: "\"") {
                offset += 1
                return
            }
            if c == UInt8(ascii: "\\") {
                offset += 2
                continue
            }
            if c < 0x20 { throw Failure.invalid(at: offset) }
            offset += 1
        }
        throw Failure.invalid(at: bytes.count)
    }

    /// A JSON string (the reader is at its opening quote).
    private mutating func readString() throws -> String {
        let start = offset + 1
        var i = start
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                offset = i + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw Failure.invalid(at: i) }
            i += 1
        }
        guard i < bytes.count else { throw Failure.invalid(at: bytes.count) }
        // Slow path: unescape.
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                offset = i + 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw Failure.invalid(at: i) }
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { throw Failure.invalid(at: bytes.count) }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: i)
                i += 4
                if (0xD800...0xDBFF).contains(scalar), i + 6 <= bytes.count,
                   bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                    let low = try hex4(at: i + 2)
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(character).utf8))
            default:
                throw Failure.invalid(at: i - 1)
            }
        }
        throw Failure.invalid(at: bytes.count)
    }

    private func hex4(at index: Int) throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw Failure.invalid(at: bytes.count) }
        var value: UInt32 = 0
        for k in index..<(index + 4) {
            let c = bytes[k]
            let digit: UInt8
            switch c {
            case 0x30...0x39: digit = c - 0x30
            case 0x41...0x46: digit = c - 0x41 + 10
            case 0x61...0x66: digit = c - 0x61 + 10
            default: throw Failure.invalid(at: k)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
