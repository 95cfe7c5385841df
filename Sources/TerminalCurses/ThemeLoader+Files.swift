import Foundation
import ScreenKit

extension ThemeLoader {
    /// Where theme files are looked for, in order: `./Themes`, `<executable dir>/../share/badge/Themes`,
    /// `<executable dir>/Themes`, and this package's `Themes/` (found from the source location, so
    /// `swift run badge` works from any directory on the build machine). The embedded copies of the
    /// shipped themes come after all of these.
    public static func defaultSearchPaths() -> [String] {
        var paths = [FileManager.default.currentDirectoryPath + "/Themes"]
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? ""
        if !exe.isEmpty {
            let dir = (exe as NSString).deletingLastPathComponent
            paths.append(dir + "/../share/badge/Themes")
            paths.append(dir + "/Themes")
        }
        // .../Sources/TerminalCurses/ThemeLoader+Files.swift → package root.
        let source = "\(#filePath)" as NSString
        let root = (source.deletingLastPathComponent as NSString).deletingLastPathComponent as NSString
        paths.append(root.deletingLastPathComponent + "/Themes")
        return paths
    }

    /// Reads a theme file, nil if it does not exist or is unreadable.
    public static func readFile(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Loads theme `name` from the file system (see `defaultSearchPaths()`), falling back to the
    /// embedded shipped themes; honours `NO_COLOR` from the process environment.
    public static func load(name: String, searchPaths: [String] = defaultSearchPaths()) throws(ThemeError) -> Theme {
        try load(name: name, searchPaths: searchPaths,
                 noColor: Theme.noColorRequested(environment: ProcessInfo.processInfo.environment),
                 read: readFile)
    }

    /// Like `load(name:searchPaths:)` but never fails: `Theme.builtinDefault` plus the problem.
    public static func loadWithFallback(name: String, searchPaths: [String] = defaultSearchPaths())
        -> (theme: Theme, problem: ThemeError?) {
        loadWithFallback(name: name, searchPaths: searchPaths,
                         noColor: Theme.noColorRequested(environment: ProcessInfo.processInfo.environment),
                         read: readFile)
    }
}
