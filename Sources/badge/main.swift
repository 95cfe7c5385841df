import Foundation
import Providers

// Before any other thread exists: FoundationNetworking must not create its cache and cookie
// directories (issue #17).
URLSessionTransport.keepFoundationStorageOffDisk()

// The composition root's entry: everything happens in BadgeCLI (nonisolated), not here.
exit(BadgeCLI.main(arguments: Array(CommandLine.arguments.dropFirst()),
                   environment: ProcessInfo.processInfo.environment))
