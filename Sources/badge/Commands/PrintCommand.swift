/// `badge print EVENT ATTENDEE [--out FILE.pdf] [--printer NAME] [--json]`.
///
/// PLUG-IN (printing): select the template (`TemplateSelector`), render the PDF, write it to
/// `--out` or submit it with `lp` to `--printer` / config `printer`, then `store.recordPrint`;
/// `--json` prints `JSONOutput.printResult(template:output:)`.
enum PrintCommand {
    static func run(_ ctx: CommandContext) throws {
        _ = ctx
        throw CLIError.notAvailable("badge print")
    }
}
