import Foundation
import IncidentTestSupport
import Testing

/// `incident` links no HTTP stack and hands `serve` and `sync URL` to `incident-hub`; the
/// sync tests run both through `incident`, these check the split itself.
@Suite struct HubProgramTests {
    static let hub = CommandRunner.executable.deletingLastPathComponent().appendingPathComponent("incident-hub")

    @Test func theRecordingProgramLinksNoHTTPStackAndTheHubDoes() throws {
        let recording = try Data(contentsOf: CommandRunner.executable)
        let hub = try Data(contentsOf: Self.hub)
        for module in ["Hummingbird", "AsyncHTTPClient", "NIOPosix"] {
            #expect(recording.range(of: Data(module.utf8)) == nil, "incident links \(module)")
            #expect(hub.range(of: Data(module.utf8)) != nil, "incident-hub lacks \(module)")
        }
    }

    @Test func withoutTheHubBesideItServeAndSyncURLSaySoAndHelpAndFolderSyncStillWork() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let alone = cli.home.file("bin/incident")
        try FileManager.default.createDirectory(atPath: cli.home.file("bin"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CommandRunner.executable.path, toPath: alone)
        func run(_ arguments: [String]) throws -> CommandResult {
            try cli.run(arguments, executable: URL(fileURLWithPath: alone))
        }
        #expect(try run(["new", "Search API returns 500", "--severity", "1"]).status == 0)
        for arguments in [["serve", "--listen", "127.0.0.1:1"], ["sync", "http://127.0.0.1:1"]] {
            let refused = try run(arguments)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("incident-hub"), "\(arguments[0]): \(refused.stderr)")
        }
        for arguments in [["serve", "--help"], ["sync", "http://127.0.0.1:1", "--help"], ["help", "serve"]] {
            let help = try run(arguments)
            #expect(help.status == 0, "\(arguments): \(help.stderr)")
            #expect(help.stdout.contains("USAGE: incident"), "the help is this program's own: \(arguments)")
        }
        try FileManager.default.createDirectory(atPath: cli.home.file("shared"), withIntermediateDirectories: true)
        let folder = try run(["sync", cli.home.file("shared")])
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(folder.stdout.contains("sent 1"), "\(folder.stdout)")
    }
}
