import Foundation
import Testing
@testable import ScreenKit

@Suite struct ThemeParserTests {
    @Test func parsesColoursAndAttributes() throws {
        let text = """
        # comment
        title      fg=cyan bold

        selection  fg=black bg=14 reverse underline
        statusOK   fg=bright-green dim
        normal
        """
        let theme = try ThemeParser.parse(text, source: "mine.theme")
        #expect(theme.name == "mine")
        #expect(theme[.title] == Style(foreground: .indexed(6), attributes: .bold))
        #expect(theme[.selection] == Style(foreground: .indexed(0), background: .indexed(14),
                                           attributes: [.reverse, .underline]))
        #expect(theme[.statusOK] == Style(foreground: .indexed(10), attributes: .dim))
        #expect(theme[.normal] == .plain)
        // Unlisted roles fall back to the mono theme's attributes.
        #expect(theme[.alert] == Theme.builtinMono[.alert])
        #expect(theme[.vip].attributes == .bold)
    }

    @Test func everyErrorNamesFileAndLine() {
        let cases: [(String, String)] = [
            ("title bold\ntittle bold", "t.theme:2: unknown role 'tittle'"),
            ("title fg=purple", "t.theme:1: unknown colour 'purple'"),
            ("\n\ntitle fg=300", "t.theme:3: colour 300 out of range 0-255"),
            ("title blink", "t.theme:1: unknown attribute 'blink' (expected bold, dim, underline, reverse, fg=, bg=)"),
            ("title fg=", "t.theme:1: missing colour after 'fg='"),
            ("title size=3", "t.theme:1: unknown setting 'size=3'"),
            ("title fg=red fg=blue", "t.theme:1: fg given twice"),
            ("title bg=red bg=blue", "t.theme:1: bg given twice"),
            ("# x\ntitle bold\nvip bold\ntitle dim", "t.theme:4: role 'title' listed twice (first on line 2)"),
        ]
        for (text, expected) in cases {
            do {
                _ = try ThemeParser.parse(text, source: "t.theme")
                Issue.record("expected an error for \(text)")
            } catch {
                #expect(error.description == expected)
            }
        }
    }

    @Test func hostileThemeTextIsSanitisedInErrors() {
        do {
            _ = try ThemeParser.parse("\u{1B}[2Jx bold", source: "t.theme")
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.unicodeScalars.contains { $0.value == 0x1B })
        }
    }

    @Test func noColorRequiresANonEmptyValue() {
        #expect(Theme.noColorRequested(environment: ["NO_COLOR": "1"]))
        #expect(!Theme.noColorRequested(environment: ["NO_COLOR": ""]))
        #expect(!Theme.noColorRequested(environment: [:]))
    }

    @Test func monochromeDropsColourButKeepsSelectionVisible() {
        let mono = Theme.builtinDefault.monochrome()
        #expect(mono.isMonochrome)
        #expect(mono[.selection].attributes.contains(.reverse))     // had a background colour
        #expect(mono[.alert].attributes.contains(.reverse))
        #expect(mono[.statusError].attributes.contains(.bold))       // attributes survive
        #expect(!mono[.statusOK].attributes.contains(.reverse))
        // A theme whose normal background is black does not turn everything reverse.
        let hc = try? ThemeLoader.load(name: "high-contrast", searchPaths: [], read: { _ in nil })
        let hcMono = hc?.monochrome()
        #expect(hcMono?[.normal].attributes.contains(.reverse) == false)
        #expect(hcMono?[.selection].attributes.contains(.reverse) == true)
    }

    @Test func colourIndexFallsBackOnSmallPalettes() {
        #expect(ThemeColor.indexed(12).index(forAvailableColors: 256) == 12)
        #expect(ThemeColor.indexed(12).index(forAvailableColors: 8) == 4)
        #expect(ThemeColor.indexed(196).index(forAvailableColors: 8) == 1)   // pure red
        #expect(ThemeColor.indexed(21).index(forAvailableColors: 8) == 4)    // pure blue
        #expect(ThemeColor.indexed(231).index(forAvailableColors: 8) == 7)   // white
        #expect(ThemeColor.indexed(250).index(forAvailableColors: 16) == 7)
        #expect(ThemeColor.default.index(forAvailableColors: 256) == -1)
    }
}

@Suite struct ShippedThemeTests {
    /// Package root, from this file's location (Tests/ScreenKitTests/ThemeTests.swift).
    static var themesDirectory: String {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/Themes"
    }

    static func readFile(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(arguments: ThemeLoader.builtinNames)
    func fileEqualsEmbeddedConstantAndParses(name: String) throws {
        let file = Self.readFile(Self.themesDirectory + "/\(name).theme")
        #expect(file != nil, "Themes/\(name).theme is missing")
        #expect(file == ThemeLoader.embeddedText(named: name), "Themes/\(name).theme differs from BuiltinThemes")
        let theme = try ThemeParser.parse(file ?? "", source: "\(name).theme", base: nil)
        #expect(theme.name == name)
        // Every shipped theme lists every role explicitly.
        let listed = Set((file ?? "").split(separator: "\n").compactMap { line -> String? in
            guard let w = line.split(separator: " ").first, !line.hasPrefix("#") else { return nil }
            return String(w)
        })
        #expect(listed == Set(Role.allCases.map(\.rawValue)))
        #expect(theme[.selection] != theme[.normal], "selection must be visible in \(name)")
    }

    @Test func monoHasNoColourAndReverseSelection() throws {
        let mono = try ThemeLoader.load(name: "mono", searchPaths: [Self.themesDirectory], read: Self.readFile)
        #expect(mono.isMonochrome)
        #expect(mono[.selection] == Style(attributes: .reverse))
    }

    @Test func builtinDefaultIsTheDefaultFile() throws {
        let parsed = try ThemeParser.parse(ThemeLoader.embeddedText(named: "default") ?? "", source: "default.theme")
        #expect(Theme.builtinDefault == parsed)
        #expect(!Theme.builtinDefault.isMonochrome)
    }
}

@Suite struct ThemeLoaderTests {
    @Test func searchPathsComeBeforeTheEmbeddedCopy() throws {
        var tried: [String] = []
        let theme = try ThemeLoader.load(name: "default", searchPaths: ["/a", "/b/"]) { path in
            tried.append(path)
            return path == "/b/default.theme" ? "title fg=red" : nil
        }
        #expect(tried == ["/a/default.theme", "/b/default.theme"])
        #expect(theme[.title] == Style(foreground: .indexed(1)))
    }

    @Test func embeddedThemesWorkWithoutFiles() throws {
        for name in ThemeLoader.builtinNames {
            let theme = try ThemeLoader.load(name: name, searchPaths: ["/nowhere"]) { _ in nil }
            #expect(theme.name == name)
        }
    }

    @Test func noColorGivesAMonochromeTheme() throws {
        let theme = try ThemeLoader.load(name: "default", searchPaths: [], noColor: true) { _ in nil }
        #expect(theme.isMonochrome)
        #expect(theme[.selection].attributes.contains(.reverse))
    }

    @Test func unknownOrBrokenThemesFallBackWithAReason() {
        let missing = ThemeLoader.loadWithFallback(name: "neon", searchPaths: ["/x"]) { _ in nil }
        #expect(missing.theme == Theme.builtinDefault)
        #expect(missing.problem?.description == "neon: theme not found")

        let broken = ThemeLoader.loadWithFallback(name: "default", searchPaths: ["/t"]) { _ in "title fg=red\nbogus bold" }
        #expect(broken.theme == Theme.builtinDefault)
        #expect(broken.problem?.description == "default.theme:2: unknown role 'bogus'")

        let mono = ThemeLoader.loadWithFallback(name: "neon", searchPaths: [], noColor: true) { _ in nil }
        #expect(mono.theme.isMonochrome)
    }

    @Test func aPathIsUsedAsIs() throws {
        #expect(ThemeLoader.candidatePaths(name: "/etc/my.theme", searchPaths: ["/x"]) == ["/etc/my.theme"])
        #expect(ThemeLoader.candidatePaths(name: "light", searchPaths: ["Themes"]) == ["Themes/light.theme"])
    }
}
