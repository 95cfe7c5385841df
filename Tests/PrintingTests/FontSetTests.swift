import Foundation
import Testing
@testable import Printing

@Suite struct FontSetTests {
    @Test func noFontsGivesTheInstallHint() throws {
        let empty = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: PrintingError.noUsableFont(searched: [empty.path])) { try FontSet.discover(searchPaths: [empty.path]) }
        #expect(PrintingError.noUsableFont(searched: []).description == "no usable font found: install fonts-dejavu-core")
    }

    @Test(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
    func discoversFontsUnderASearchPath() throws {
        let dir = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nested = dir.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixture.dejaVuPath, toPath: nested.appendingPathComponent("DejaVuSans.ttf").path)
        let fonts = try FontSet.discover(searchPaths: [dir.path])
        #expect(fonts.regular.count == 1)
        #expect(fonts.bold.map(\.postScriptName) == ["DejaVuSans"])  // no bold file: regular is used
    }

    @Test(.enabled(if: Fixture.hasDejaVu, "DejaVu Sans not installed (fonts-dejavu-core)"))
    func systemChainStartsWithDejaVu() throws {
        let fonts = try FontSet.discover()
        #expect(fonts.regular.first?.postScriptName == "DejaVuSans")
        #expect(fonts.bold.first?.postScriptName == "DejaVuSans-Bold")
    }

    @Test func environmentPathComesFirst() {
        let paths = FontSet.searchPaths(environment: ["BADGE_FONT_PATH": "/opt/fonts:/srv/f"])
        #expect(Array(paths.prefix(2)) == ["/opt/fonts", "/srv/f"])
        #expect(paths.contains("/usr/share/fonts"))
    }
}
