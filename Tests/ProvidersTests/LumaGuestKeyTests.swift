import Testing
@testable import Providers

/// The barcode of a Luma guest is the `pk` of its check-in QR URL: what a scanner at the door
/// reads must match it exactly.
@Suite struct LumaGuestKeyTests {
    @Test(arguments: [
        ("https://luma.com/check-in/evt-1?pk=g-abc", "g-abc"),
        ("https://luma.com/check-in/evt-1?a=1&pk=g-x%2By#frag", "g-x+y"),
        ("https://luma.com/check-in/evt-1?pk=&pk=g-2", "g-2"),
        ("https://luma.com/check-in/evt-1?pk=g-1#pk=other", "g-1"),
        ("https://luma.com/check-in/evt-1?&&pk=g-3&x=y", "g-3"),
        ("https://luma.com/check-in/evt-1?xpk=no&pk=g-4", "g-4"),
        ("https://luma.com/check-in/évt?pk=g-ü", "g-ü"),
    ])
    func readsThePK(url: String, key: String) {
        #expect(LumaMapping.guestKey(fromQRCode: url) == key)
    }

    @Test(arguments: ["https://luma.com/check-in/evt-1", "https://luma.com/check-in/evt-1?foo=bar",
                      "https://luma.com/check-in/evt-1?pk=", "https://luma.com/check-in/evt-1?pk", "", "?",
                      "?pk=g-1"])
    func noPKNoKey(url: String) {
        #expect(LumaMapping.guestKey(fromQRCode: url) == nil)
    }
}
