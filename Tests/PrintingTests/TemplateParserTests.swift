import Testing
@testable import Printing

@Suite struct TemplateParserTests {
    @Test func defaultFixtureParses() throws {
        let layout = try Fixture.layout("default")
        #expect(layout.name == "Default")
        #expect(layout.ticketNames.isEmpty && !layout.isVIPVariant)
        #expect(layout.width == 288 && layout.height == 216)  // 4 × 3 in
        guard case let .text(first)? = layout.elements.first(where: {
            if case let .text(t) = $0, t.content == .field(.firstName) { return true } else { return false }
        }) else { Issue.record("no first_name field"); return }
        #expect(abs(first.box.x - 14.4) < 1e-9 && first.box.y == 36)
        #expect(abs(first.box.width - 187.2) < 1e-9 && abs(first.box.height - 50.4) < 1e-9)
        #expect(first.fontSize == 34 && first.minFontSize == 18 && first.weight == .bold && first.align == .left)
        #expect(layout.elements.contains { if case .qr = $0 { true } else { false } })
    }

    @Test func variantFixturesCarryTheirMetadata() throws {
        let vip = try Fixture.layout("vip"), speaker = try Fixture.layout("speaker"), staff = try Fixture.layout("staff")
        #expect(vip.isVIPVariant && vip.ticketNames.isEmpty)
        #expect(speaker.ticketNames == ["Speaker", "Keynote Speaker"] && !speaker.isVIPVariant)
        #expect(abs(speaker.width - 148 * 72 / 25.4) < 0.01 && abs(speaker.height - 105 * 72 / 25.4) < 0.01)
        #expect(staff.ticketNames == ["Staff", "Volunteer"])
        #expect(abs(staff.width - 62 * 72 / 25.4) < 0.01 && abs(staff.height - 100 * 72 / 25.4) < 0.01)
        let ribbon = vip.elements.compactMap { if case let .text(t) = $0, t.content == .field(.vipRibbon) { t } else { nil } }
        #expect(ribbon.first?.ribbonText == "★ VIP ★")
    }

    @Test func sizesOrientationAndUnits() throws {
        let a6 = try TemplateParser.parse("size A6\ntext \"x\" x=0 y=0 w=10 h=10")
        #expect(abs(a6.width - 297.638) < 0.01 && abs(a6.height - 419.528) < 0.01)
        let landscape = try TemplateParser.parse("size A6\norientation landscape\n")
        #expect(landscape.elements.isEmpty)
        let label = try TemplateParser.parse("size 62x100mm landscape\nunits pt\nfield name x=10 y=10 w=100pt h=1in")
        #expect(abs(label.width - 283.465) < 0.01)
        guard case let .text(t) = label.elements[0] else { Issue.record("not text"); return }
        #expect(t.box == BadgeBox(x: 10, y: 10, width: 100, height: 72))
        let quoted = try TemplateParser.parse("size 4x3in\ntext \"Hi \\\"{first_name}\\\" # not a comment\" x=0 y=0 w=1 h=1 color=#FF0000 # comment")
        guard case let .text(q) = quoted.elements[0] else { Issue.record("not text"); return }
        #expect(q.content == .literal("Hi \"{first_name}\" # not a comment"))
        #expect(q.color == BadgeColor(red: 1, green: 0, blue: 0))
    }

    @Test func windowsLineEndingsAndByteOrderMark() throws {
        let unix = try Fixture.template("speaker")
        let windows = "\u{FEFF}" + unix.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try TemplateParser.parse(windows) == TemplateParser.parse(unix))
        #expect(try TemplateParser.parse("name Front desk badge\nsize A6").name == "Front desk badge")
    }

    @Test(arguments: [
        ("size 4x3in\nfeild name x=0 y=0 w=1 h=1", 2, "unknown directive 'feild'"),
        ("size 4x3in\n\nfield nmae x=0 y=0 w=1 h=1", 3, "unknown field 'nmae'"),
        ("size 4x3\n", 1, "needs a unit"),
        ("size 4by3in\n", 1, "cannot read size"),
        ("size 4x3in\nsize A6", 2, "duplicate 'size'"),
        ("field name x=0 y=0 w=1 h=1", 1, "'size' line must come before"),
        ("# only a comment\n", 1, "missing 'size' line"),
        ("size 4x3in\nfield name x=0 y=0 w=1", 2, "missing 'h='"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 colour=red", 2, "unknown option 'colour'"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 align=middle", 2, "align must be left, center or right"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 weight=heavy", 2, "weight must be regular or bold"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 size=big", 2, "font size in points"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 size=10 min=12", 2, "'min' must not exceed 'size'"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 lines=5", 2, "lines must be 1, 2 or 3"),
        ("size 4x3in\nfield name x=3.5 y=0 w=1 h=1", 2, "extends beyond the"),
        ("size 4x3in\nfield name x=0 y=0 w=0 h=1", 2, "greater than zero"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 x=2", 2, "given twice"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 fill=#12345", 2, "must be a colour"),
        ("size 4x3in\ntext \"unterminated x=0", 2, "unterminated quoted string"),
        ("size 4x3in\ntext \"{nick}\" x=0 y=0 w=1 h=1", 2, "unknown placeholder '{nick}'"),
        ("size 4x3in\ntext hello x=0 y=0 w=1 h=1", 2, "needs quoted text"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 text=VIP", 2, "only applies to field vip_ribbon"),
        ("size 4x3in\nqr x=0 y=0 size=1 w=1", 2, "either size= or w= and h="),
        ("size 4x3in\nfield name x=1furlong y=0 w=1 h=1", 2, "must be a length"),
        ("size 4x3in\nunits px", 2, "unknown unit 'px'"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1\norientation portrait", 3, "must come before the first"),
        ("size 4x3in\nvip maybe", 2, "expected yes or no"),
        ("size 4x3in\ntickets", 2, "at least one ticket name"),
        ("size 4x3in\nname", 2, "needs a template name"),
        ("size 4x3in\nfield name x=0 y=0 w=1 h=1 bigger", 2, "unexpected 'bigger'"),
    ])
    func errorsNameTheLine(text: String, line: Int, fragment: String) {
        do {
            _ = try TemplateParser.parse(text)
            Issue.record("expected an error for \(text.debugDescription)")
        } catch let error as PrintingError {
            guard case let .template(errorLine, message) = error else { Issue.record("wrong error \(error)"); return }
            #expect(errorLine == line, "\(message)")
            #expect(message.contains(fragment), "\(message)")
            #expect(error.description.hasPrefix("template line \(line): "))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
