import CCrypt

/// Salted PIN hashes through the system `crypt` (SPEC §7): yescrypt (`$y$`), falling back to
/// SHA-512-crypt (`$6$`) where libcrypt lacks it. Only the hash string is ever stored.
public enum PINHasher {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case invalidPIN(String)
        case cryptUnavailable

        public var description: String {
            switch self {
            case .invalidPIN(let why): return why
            case .cryptUnavailable: return "the system crypt library cannot hash PINs (libcrypt missing yescrypt and SHA-512-crypt)"
            }
        }
    }

    /// PINs are 4 to 12 digits: typed on a laptop keyboard at a busy door.
    public static func validate(_ pin: String) throws {
        guard (4...12).contains(pin.count), pin.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw Failure.invalidPIN("a PIN is 4 to 12 digits")
        }
    }

    /// A new salted hash of `pin`.
    public static func hash(_ pin: String) throws -> String {
        try validate(pin)
        for prefix in ["$y$", "$6$"] {
            var salt = [CChar](repeating: 0, count: Int(ccrypt_gensalt_output_size()))
            guard ccrypt_gensalt(prefix, &salt, Int32(salt.count)) == 0 else { continue }
            if let hashed = crypt(pin, setting: salt) { return hashed }
        }
        throw Failure.cryptUnavailable
    }

    /// True when `pin` matches `storedHash`; the comparison takes the same time wherever the
    /// strings differ.
    public static func verify(_ pin: String, against storedHash: String) -> Bool {
        guard let computed = storedHash.withCString({ crypt(pin, setting: Array(UnsafeBufferPointer(start: $0, count: strlen($0) + 1))) })
        else { return false }
        return constantTimeEquals(Array(computed.utf8), Array(storedHash.utf8))
    }

    static func crypt(_ pin: String, setting: [CChar]) -> String? {
        var out = [CChar](repeating: 0, count: Int(ccrypt_output_size()))
        let rc = setting.withUnsafeBufferPointer { s in ccrypt_hash(pin, s.baseAddress, &out, Int32(out.count)) }
        guard rc == 0 else { return nil }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Compares without an early exit (length differences still return false).
    public static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var diff = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            diff |= x ^ y
        }
        return diff == 0
    }
}
