import Foundation

/// A ready error response carried through `Result`.
struct PageError: Error {
    let response: ServerResponse
}

/// Eventbrite pagination (fixed page size, `page=` or opaque `continuation=`) and Luma cursors.
extension ProviderSimulator {
    /// Opaque continuation token for `offset` (base64url of the offset and a check value).
    func continuationToken(offset: Int, salt: UInt64) -> String {
        let check = SplitMix64.hash(config.seed, UInt64(offset), salt) % 1_000_000
        return Data("\(offset).\(check)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    func offset(fromToken token: String, salt: UInt64) -> Int? {
        var text = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let plain = String(data: data, encoding: .utf8) else { return nil }
        let parts = plain.split(separator: ".")
        guard parts.count == 2, let offset = Int(parts[0]), offset >= 0,
              let check = UInt64(parts[1]),
              check == SplitMix64.hash(config.seed, UInt64(offset), salt) % 1_000_000 else { return nil }
        return offset
    }

    /// (offset, count) of the requested Eventbrite page, or the provider's 400 for bad input.
    func pageWindow(_ r: ServerRequest, total: Int, salt: UInt64) -> Result<(Int, Int), PageError> {
        let size = Self.eventbritePageSize
        if let token = r.query("continuation"), !token.isEmpty {
            guard let offset = offset(fromToken: token, salt: salt) else {
                return .failure(PageError(response: eventbriteError(
                    400, "BAD_CONTINUATION_TOKEN", "The continuation token you provided is invalid.")))
            }
            let start = min(offset, total)
            return .success((start, min(size, total - start)))
        }
        var page = 1
        if let text = r.query("page") {
            let pageCount = max(1, (total + size - 1) / size)
            guard let value = Int(text), value >= 1, value <= pageCount else {
                return .failure(PageError(response: eventbriteError(
                    400, "BAD_PAGE", "The page number you provided is invalid.")))
            }
            page = value
        }
        let start = min((page - 1) * size, total)
        return .success((start, min(size, total - start)))
    }

    func writePagination(_ w: inout JSONWriter, total: Int, offset: Int, count: Int, salt: UInt64) {
        let size = Self.eventbritePageSize
        w.beginObject("pagination")
        w.int("object_count", total)
        w.int("page_number", offset / size + 1)
        w.int("page_size", size)
        w.int("page_count", max(1, (total + size - 1) / size))
        if count > 0 { w.string("continuation", continuationToken(offset: offset + count, salt: salt)) }
        w.bool("has_more_items", offset + count < total)
        w.endObject()
    }
}
