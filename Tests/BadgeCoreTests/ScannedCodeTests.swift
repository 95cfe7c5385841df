import Testing
import BadgeCore

@Suite struct ScannedCodeTests {
    @Test func eventbriteBarcodeIsLookedUpAsIs() {
        #expect(ScannedCode("1234567890123456789001")?.lookupValue == "1234567890123456789001")
    }

    @Test func scannerSuffixesAndSpacesAreStripped() {
        #expect(ScannedCode("  1234567890\r\n")?.lookupValue == "1234567890")
        #expect(ScannedCode("\t\r\n") == nil)
        #expect(ScannedCode("") == nil)
    }

    @Test func lumaQRURLResolvesToItsGuestKey() {
        let code = ScannedCode("https://luma.com/check-in/evt-AbC123?pk=g-Xy9z")
        #expect(code?.lookupValue == "g-Xy9z")
        #expect(code?.lumaEventId == "evt-AbC123")
        #expect(ScannedCode("http://lu.ma/check-in/evt-1?foo=1&pk=g-2")?.lookupValue == "g-2")
    }

    @Test func bareLumaKeyIsAccepted() {
        #expect(ScannedCode("g-Xy9z")?.lookupValue == "g-Xy9z")
    }

    @Test func lumaURLWithoutKeyIsNotACode() {
        #expect(ScannedCode("https://luma.com/check-in/evt-1") == nil)
    }
}
