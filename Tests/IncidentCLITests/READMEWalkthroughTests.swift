import Foundation
import IncidentTestSupport
import Testing

/// The README's "Two minutes, offline" block, run line by line as a new user would type
/// it: every command in it succeeds, so the README and the tool cannot drift apart.
@Suite struct READMEWalkthroughTests {
    /// The lines of the README's first `sh` block under the heading.
    static func walkthrough() throws -> [String] {
        let readme = try String(
            contentsOfFile: (FixtureFiles.root as NSString).deletingLastPathComponent + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Two minutes, offline").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first)
        return try #require(block.components(separatedBy: "\n```").first).split(separator: "\n").map(String.init)
    }

    /// A command line's words, as sh splits them (double and single quotes, no expansion).
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var quote: Character?
        var inWord = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    @Test func everyCommandOfTheWalkthroughSucceeds() throws {
        let cli = try CommandRunner()
        defer { cli.home.remove() }
        try "14:03 dashboards red\n14:04 cache hit rate 0%\n".write(
            toFile: cli.home.file("scratch.txt"), atomically: true, encoding: .utf8)
        try "2:03pm UTC api 5xx\n[2:05 PM] carol: paged\n".write(
            toFile: cli.home.file("theirs.txt"), atomically: true, encoding: .utf8)
        let lines = try Self.walkthrough()
        #expect(lines.count >= 8)
        for line in lines {
            // A comment starts after two spaces; a pipe feeds printf's text to the command.
            let command = line.components(separatedBy: "  #").first!.trimmingCharacters(in: .whitespaces)
            var input = ""
            var words = Self.words(command)
            if let pipe = words.firstIndex(of: "|") {
                #expect(words.first == "printf", "only printf pipes are understood: \(line)")
                input = words[1].replacingOccurrences(of: "\\n", with: "\n")
                words = Array(words[(pipe + 1)...])
            }
            #expect(words.first == "incident", "\(line)")
            let result = try cli.run(Array(words.dropFirst()), input: input)
            #expect(result.status == 0, "`\(command)` failed: \(result.stderr)")
        }
        let shown = try cli.run(["show"]).stdout
        for text in ["api 5xx climbing", "paged bob", "dashboards red", "rolled back the 14:00 deploy"] {
            #expect(shown.contains(text), "the walkthrough's \(text) is on the timeline")
        }
    }
}
