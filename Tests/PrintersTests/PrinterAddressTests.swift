import Testing
@testable import Printers

@Suite struct PrinterAddressTests {
    @Test func everyKindOfSPEC12Parses() throws {
        #expect(try PrinterAddress.parse("pdf:/var/badges") == .pdf(directory: "/var/badges"))
        #expect(try PrinterAddress.parse("cups:Zebra_GK420d") == .cups(queue: "Zebra_GK420d"))
        #expect(try PrinterAddress.parse("Zebra_GK420d") == .cups(queue: "Zebra_GK420d"))  // the old plain queue name
        #expect(try PrinterAddress.parse("zpl://10.0.0.5") == .zpl(host: "10.0.0.5", port: 9100, options: [:]))
        #expect(try PrinterAddress.parse("zpl://printer.local:9101") == .zpl(host: "printer.local", port: 9101, options: [:]))
        #expect(try PrinterAddress.parse("zpl://[::1]:9200") == .zpl(host: "::1", port: 9200, options: [:]))
        #expect(try PrinterAddress.parse("brother-ql://10.0.0.6?model=QL-820NWB&label=62x100")
                == .brotherQL(host: "10.0.0.6", port: 9100, options: ["model": "QL-820NWB", "label": "62x100"]))
        #expect(try PrinterAddress.parse("file:/dev/usb/lp0?lang=zpl") == .device(path: "/dev/usb/lp0", language: .zpl, options: ["lang": "zpl"]))
        #expect(try PrinterAddress.parse("cups-raw:Zebra?lang=zpl") == .cupsRaw(queue: "Zebra", language: .zpl, options: ["lang": "zpl"]))
    }

    @Test func canonicalSpellingRoundTrips() throws {
        for text in ["pdf:/tmp/b", "cups:Q", "zpl://10.0.0.5", "zpl://h:9101", "brother-ql://h?label=62x100&model=QL-820NWB",
                     "file:/dev/usb/lp0?lang=zpl", "cups-raw:Q?lang=zpl"] {
            let parsed = try PrinterAddress.parse(text)
            #expect(parsed.description == text)
            #expect(try PrinterAddress.parse(parsed.description) == parsed)
        }
    }

    @Test(arguments: [
        ("zpl://", "needs a host"),
        ("zpl:10.0.0.5", "write zpl://HOST[:PORT]"),
        ("zpl://h:0", "port '0' is not 1 to 65535"),
        ("zpl://h:99999", "port '99999' is not 1 to 65535"),
        ("zpl://h:abc", "port 'abc' is not 1 to 65535"),
        ("brother-ql://h", "needs ?model=…&label=…"),
        ("file:/dev/usb/lp0", "needs ?lang=zpl or ?lang=brother-ql"),
        ("file:dev/lp0?lang=zpl", "absolute device path"),
        ("cups-raw:Q?lang=pcl", "lang 'pcl' is not zpl or brother-ql"),
        ("ipp://h/printers/x", "unknown kind 'ipp:'"),
        ("zpl://h?colour=red", "unknown printer option 'colour'"),
        ("zpl://h?darkness=99", "darkness='99' is not valid"),
        ("brother-ql://h?model=QL-9000&label=62x100", "model='QL-9000'"),
        ("pdf:", "pdf: needs a folder"),
        ("cups:-d", "is not a CUPS queue name"),
        ("", "empty"),
    ])
    func badAddressesSayWhyInOneLine(text: String, expected: String) {
        do {
            let parsed = try PrinterAddress.parse(text)
            Issue.record("'\(text)' parsed as \(parsed)")
        } catch let error as PrinterAddress.ParseError {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(!error.description.contains("\n"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func controlCharactersAreRefusedAndNotEchoed() {
        #expect(throws: PrinterAddress.ParseError.self) { try PrinterAddress.parse("zpl://h\u{1b}[2J") }
        let message = (try? PrinterAddress.parse("cups:a\u{1b}[2Jb")).map { "\($0)" } ?? {
            do { _ = try PrinterAddress.parse("cups:a\u{1b}[2Jb"); return "" } catch { return "\(error)" }
        }()
        #expect(!message.contains("\u{1b}"))
    }
}
