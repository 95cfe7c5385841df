import Foundation

// badge-bench: the SPEC §9 performance figures (see BENCHMARKS.md). Exit status is 0 when every
// figure was measured (also when a target is missed), nonzero on a crash or error.


let options: BenchOptions
do {
    options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}

if let db = options.coldStartChild {
    do {
        try ColdStart.child(dbPath: db)
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("cold-start child: \(error)\n".utf8))
        exit(1)
    }
}

do {
    try await BenchRunner.run(options)
    exit(0)
} catch {
    FileHandle.standardError.write(Data("badge-bench: \(error)\n".utf8))
    exit(1)
}
