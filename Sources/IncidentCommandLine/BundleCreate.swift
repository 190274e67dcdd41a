import ArgumentParser
import Foundation
import IncidentCore
import IncidentStore
import IncidentSync

extension BundleCommand {
    /// `incident bundle create FILE [--since PEER]`: the ops a peer lacks, in a file (`-`: stdout).
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Write a bundle of ops to FILE.",
            discussion: "Example: incident bundle create /media/usb/alice.bundle --since bob.bundle")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The bundle file to write ('-' for standard output).")
        var file: String

        @Option(
            name: .long,
            help: "Leave out what a peer holds: a bundle file from that peer, or a JSON vector {\"replica\": seq}.")
        var since: String?

        func run() throws {
            let replica = try global.openForReading()  // a bundle only reads; nothing is created
            let vector = try since.map { try VersionVector(since: $0) } ?? VersionVector()
            if file == "-" {  // the bundle is standard output; what was done goes to standard error
                let count = try replica.writeBundle(missingFrom: vector) { FileHandle.standardOutput.write($0) }
                Output.warn("wrote \(count) ops to standard output")
                return
            }
            let count = try replica.createBundle(at: file, since: vector)
            Output.say("wrote \(count) ops to \(file)")
        }
    }
}
