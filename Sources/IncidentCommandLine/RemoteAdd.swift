import ArgumentParser
import Foundation
import IncidentStore
import IncidentSync

extension RemoteCommand {
    /// `incident remote add NAME URL-or-PATH [--token-file F] [--ca-file F] [--insecure-http]`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a remote (paths are kept absolute, so sync works from anywhere).",
            discussion:
                "Example: incident remote add hub https://hub.example.org:8443 --token-file ~/.config/incident/token")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A short name.") var name: String
        @Argument(help: "A folder path or an http(s) URL.") var location: String
        @Option(name: .long, help: "A file holding the server's bearer token.") var tokenFile: String?
        @Option(name: .long, help: "The PEM file of the CA that signed the hub's certificate (a team's own).")
        var caFile: String?
        @Flag(name: .long, help: "Allow plain http:// off this machine (the token crosses in clear).")
        var insecureHTTP = false

        func run() throws {
            if let caFile { try CAFile.check(caFile) }
            let remote = Remote(
                name: name, location: location, tokenFile: tokenFile.map(Self.absolute),
                caFile: caFile.map(Self.absolute), insecureHTTP: insecureHTTP)
            let stored = remote.isHTTP ? remote : Remote(name: name, location: Self.absolute(location), tokenFile: nil)
            if stored.location.hasPrefix("http://"), !insecureHTTP,
                !HTTPAddress.isLoopback(HTTPAddress.host(of: stored.location) ?? "")
            {
                throw CommandError(
                    description: "\(stored.location) is plain HTTP off this machine: the token and every incident "
                        + "would cross in clear; use https:// (serve with --tls-cert), or say --insecure-http")
            }
            if let file = stored.tokenFile { _ = try TokenFile.read(file) }  // refused now, not at the first sync
            try global.open().addRemote(stored)
            Output.say("\(name) → \(stored.location)")
        }

        /// `path` from the current folder, as the shell would take it.
        static func absolute(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.path
        }
    }
}
