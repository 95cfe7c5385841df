/// TIFF PackBits run-length coding, as Brother QL raster lines use after `M 0x02`: a header byte
/// n in 0…127 is followed by n + 1 literal bytes; n in −127…−1 (as a byte 129…255) by one byte
/// repeated 1 − n times.
enum PackBits {
    static func encode(_ data: some Collection<UInt8>) -> [UInt8] {
        let bytes = Array(data)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 64 + 1)
        var i = 0
        while i < bytes.count {
            var run = 1
            while i + run < bytes.count, run < 128, bytes[i + run] == bytes[i] { run += 1 }
            if run >= 2 {
                out.append(UInt8(truncatingIfNeeded: 1 - run))
                out.append(bytes[i])
                i += run
                continue
            }
            // Literal stretch: up to the next run of 2+ equal bytes, at most 128 bytes.
            var end = i + 1
            while end < bytes.count, end - i < 128, !(end + 1 < bytes.count && bytes[end] == bytes[end + 1]) { end += 1 }
            out.append(UInt8(end - i - 1))
            out.append(contentsOf: bytes[i..<end])
            i = end
        }
        return out
    }
}
