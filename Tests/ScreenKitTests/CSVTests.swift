import Testing
@testable import ScreenKit

@Suite struct CSVTests {
    @Test func plainFieldsAreBare() {
        #expect(Sanitizer.csvField("Ada Lovelace") == "Ada Lovelace")
        #expect(Sanitizer.csvField("") == "")
        #expect(Sanitizer.csvField("李小龍") == "李小龍")
    }

    @Test func rfc4180Quoting() {
        #expect(Sanitizer.csvField("Lovelace, Ada") == "\"Lovelace, Ada\"")
        #expect(Sanitizer.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(Sanitizer.csvField(" padded ") == "\" padded \"")
        #expect(Sanitizer.csvRecord(["a", "b,c", "d\"e"]) == "a,\"b,c\",\"d\"\"e\"")
    }

    @Test func lineBreaksBecomeSpacesSoARecordStaysOneLine() {
        #expect(Sanitizer.csvField("two\nlines") == "two lines")
        #expect(Sanitizer.csvField("a\r\nb,c") == "\"a b,c\"")
    }

    @Test func formulaInjectionIsGuarded() {
        #expect(Sanitizer.csvField("=HYPERLINK(\"http://evil\")") == "\"'=HYPERLINK(\"\"http://evil\"\")\"")
        #expect(Sanitizer.csvField("=1+2") == "'=1+2")
        #expect(Sanitizer.csvField("+33 1 23") == "'+33 1 23")
        #expect(Sanitizer.csvField("-2") == "'-2")
        #expect(Sanitizer.csvField("@SUM(A1)") == "'@SUM(A1)")
        #expect(Sanitizer.csvField("  =cmd") == "'  =cmd")
        // TAB/CR at the start are sanitised to a space first, then guarded (the guard looks past leading spaces).
        #expect(Sanitizer.csvField("\t=cmd") == "' =cmd")
        #expect(Sanitizer.csvField("a=b") == "a=b")
    }

    /// Semicolon locales (issue #13 item 4): Excel and LibreOffice split at `;` there, so a
    /// formula after a `;` (or a `,`) inside a cell would become a cell of its own.
    @Test func formulaAfterAnInnerSeparatorIsGuarded() {
        #expect(Sanitizer.csvField("Jane;=1+1;@SUM(1)") == "\"Jane;'=1+1;'@SUM(1)\"")
        #expect(Sanitizer.csvField("Acme, -2") == "\"Acme,' -2\"")
        #expect(Sanitizer.csvField("a;\"=x\"") == "\"a;'\"\"=x\"\"\"")
        #expect(Sanitizer.csvField("a;;+1") == "\"a;;'+1\"")
        #expect(Sanitizer.csvField("x;") == "\"x;\"")  // a `;` alone is quoted, nothing added
        #expect(Sanitizer.csvField("Smith; Jones, Ltd") == "\"Smith; Jones, Ltd\"")
        #expect(Sanitizer.csvField("R&D - Europe") == "R&D - Europe")  // not after a separator
    }

    @Test func noCellStartsAFormulaWithEitherSeparator() {
        let hostile = ["Jane;=1+1;@SUM(1)", "=1+2", "Acme, -2+3; \"=cmd\"", " ;\t=x", "a,;@b", "+33 1; -4",
                       "ok", "\"quoted\";=q", "x;\"\"\"=y"]
        let line = Sanitizer.csvRecord(["1"] + hostile + ["2"])
        for separator: Character in [",", ";"] {
            for cell in line.split(separator: separator, omittingEmptySubsequences: false) {
                let start = cell.drop { $0 == " " || $0 == "\"" }
                #expect(!(start.first.map(Sanitizer.formulaStarters.contains) ?? false), "\(cell) in \(line)")
            }
        }
    }

    @Test func escapesAreSanitisedBeforeQuoting() {
        #expect(Sanitizer.csvField("\u{1B}[31mred") == "␛[31mred")
        #expect(Sanitizer.csvField("x\u{202E}y") == "xy")
    }

    @Test func longFieldsAreNotCutToTheScreenWidth() {
        let long = String(repeating: "b", count: 5_000)
        #expect(Sanitizer.csvField(long) == long)
    }
}
