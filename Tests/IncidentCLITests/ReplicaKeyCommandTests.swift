import Foundation
import IncidentTestSupport
import Testing

/// The replica's key from the command line: `whoami` prints the fingerprint to compare (the
/// id of a replica made with it), `doctor` checks who may read the file that holds it, and
/// nothing is recorded while others may.
@Suite struct ReplicaKeyCommandTests {
    @Test func whoamiNamesTheKeyAndAFileOthersMayReadRecordsNothing() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        let db = cli.home.file("alice.sqlite")
        #expect(try cli.run(["init", "--name", "alice", "--db", db]).status == 0)
        let whoami = try cli.run(["whoami", "--db", db]).stdout.split(separator: "\n").map(String.init)
        let fingerprint = try #require(whoami.last?.split(separator: ": ").last.map(String.init))
        #expect(whoami.last?.hasPrefix("key fingerprint: ") == true, "\(whoami)")
        #expect(whoami.first?.contains("replica \(fingerprint.replacingOccurrences(of: " ", with: ""))") == true)
        #expect(try cli.run(["doctor", "--db", db]).stdout.contains("key: \(fingerprint); only this file's owner"))

        #expect(try cli.run(["new", "Search API returns 500", "--severity", "1", "--db", db]).status == 0)
        let before = try cli.run(["show", "--json", "--db", db]).stdout

        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: db)
        for command in [["log", "paged bob"], ["new", "Another", "--severity", "2"]] {
            let refused = try cli.run(command + ["--db", db])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("(mode 640)"), "\(refused.stderr)")
            #expect(refused.stderr.contains("`chmod 600 \(db)`"), "\(refused.stderr)")
        }
        #expect(try cli.run(["show", "--json", "--db", db]).stdout == before, "nothing was written; reading goes on")
        #expect(try cli.run(["doctor", "--db", db]).stdout.contains("others may read the file (mode 640)"))

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: db)
        #expect(try cli.run(["log", "paged bob", "--db", db]).status == 0)
    }
}
