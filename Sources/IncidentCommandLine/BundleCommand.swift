import ArgumentParser

/// `incident bundle create FILE [--since …] | apply FILE`: sync by carrying a file.
struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle", abstract: "Carry ops in a file (a USB stick, an attachment).",
        subcommands: [Create.self, Apply.self])
}
