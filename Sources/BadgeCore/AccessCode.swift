/// The 6-character event access code (A–Z0–9) of SPEC §2.1.
public enum AccessCode {
    public static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    public static let length = 6

    /// A new random code.
    public static func generate<G: RandomNumberGenerator>(using rng: inout G) -> String {
        String((0..<length).map { _ in alphabet[Int(rng.next(upperBound: UInt64(alphabet.count)))] })
    }

    public static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        return generate(using: &rng)
    }

    /// True for exactly six characters of A–Z0–9.
    public static func isValid(_ code: String) -> Bool {
        code.count == length && code.allSatisfy { alphabet.contains($0) }
    }
}
