import Foundation

// The composition root's entry: everything happens in BadgeCLI (nonisolated), not here.
exit(BadgeCLI.main(arguments: Array(CommandLine.arguments.dropFirst()),
                   environment: ProcessInfo.processInfo.environment))
