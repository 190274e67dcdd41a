import Foundation
import IncidentTestSupport
import Testing

/// What a team loses or keeps without a word unless the commands say so: `#` lines, and
/// whatever a command passes over.
@Suite struct NothingSilentlyLostCommandTests {
    func timelineTexts(_ cli: CommandRunner) throws -> [String] {
        let show = try cli.run(["show", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let timeline = try #require(object["timeline"] as? [[String: Any]])
        return timeline.compactMap { $0["text"] as? String }
    }

    @Test func linesStartingWithAHashAreRecordedAndWhatIsPassedOverIsCounted() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        _ = try cli.run(["new", "Search API returns 500", "--severity", "1"])

        let typed = try cli.run(["log", "#4521 reopened"])
        #expect(typed.status == 0)
        #expect(typed.stdout.contains("#4521 reopened"))
        let piped = try cli.run(["log"], input: "#status-investigating posted\n\n# not a comment here\n")
        #expect(piped.stdout.contains("logged 2 entries; passed over 1 line (2): blank or a time alone"))

        try "# a comment\n2026-11-28 14:03 #4521 reopened again\n#status-stabilized posted\n#\n\n"
            .write(toFile: cli.home.file("scratch.txt"), atomically: true, encoding: .utf8)
        let imported = try cli.run(["import", "scratch.txt"])
        #expect(
            imported.stdout.contains(
                "imported 2 entries, 0 already present; passed over 3 lines (1, 4, 5): "
                    + "blank, a `# ` comment or a time alone"
            ))
        let texts = try timelineTexts(cli)
        for text in [
            "#4521 reopened", "#status-investigating posted", "# not a comment here", "#4521 reopened again",
            "#status-stabilized posted",
        ] {
            #expect(texts.contains(text), "\(text) was not recorded")
        }
        #expect(!texts.contains("# a comment"))
    }
}
