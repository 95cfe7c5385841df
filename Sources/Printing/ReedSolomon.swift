/// Reed–Solomon error correction over GF(2^8) with the QR polynomial x^8+x^4+x^3+x^2+1 (0x11D),
/// as QR codes use it: generator roots α^0…α^(n-1).
enum ReedSolomon {
    /// exp[i] = α^i (doubled so products need no modulo), log[x] = i with α^i = x.
    static let tables: (exp: [UInt8], log: [UInt8]) = {
        var exp = [UInt8](repeating: 0, count: 512)
        var log = [UInt8](repeating: 0, count: 256)
        var x = 1
        for i in 0..<255 {
            exp[i] = UInt8(x)
            log[x] = UInt8(i)
            x <<= 1
            if x & 0x100 != 0 { x ^= 0x11D }
        }
        for i in 255..<512 { exp[i] = exp[i - 255] }
        return (exp, log)
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return tables.exp[Int(tables.log[Int(a)]) + Int(tables.log[Int(b)])]
    }

    /// Generator polynomial coefficients of degree `degree`, highest power first, leading 1 omitted.
    static func generator(degree: Int) -> [UInt8] {
        var poly: [UInt8] = [1]
        for i in 0..<degree {
            let root = tables.exp[i]
            var next = [UInt8](repeating: 0, count: poly.count + 1)
            for (j, c) in poly.enumerated() {
                next[j] ^= c
                next[j + 1] ^= multiply(c, root)
            }
            poly = next
        }
        return Array(poly.dropFirst())
    }

    /// The `degree` error-correction codewords for `data` (remainder of data·x^degree ÷ generator).
    static func remainder(of data: [UInt8], degree: Int) -> [UInt8] {
        let gen = generator(degree: degree)
        var rem = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ rem[0]
            rem.removeFirst()
            rem.append(0)
            for i in 0..<degree { rem[i] ^= multiply(gen[i], factor) }
        }
        return rem
    }
}
