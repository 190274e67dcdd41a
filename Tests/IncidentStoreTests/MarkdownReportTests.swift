import Foundation
import IncidentCore
import IncidentStore
import IncidentTestSupport
import Testing

/// The Markdown report read back by CommonMark's reference parser: whatever a person or
/// a peer wrote stays inside its item and comes out as the text it is.
@Suite(ExternalProgram.needed("cmark")) struct MarkdownReportTests {
    static let hostile = [
        "line\n# Injected heading", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "```",
        "~~~\ncode", "[click](javascript:alert(1))", "<javascript:alert(1)>", "*bold* _em_ `code` ~~strike~~",
        "1. not a list\n2) nor this", "- item\n+ item\n* item", "text\n---\n===\n***", "> quote",
        "    indented code\n\n\tmore", "&amp; &lt; &#x3C; &copy", "a | b\n--|--\nc | d", "[ref]: https://evil.example",
        "trailing backslash \\", "\r\nwindows\r\nlines\rold mac", "<!-- comment -->", "<div>\nhtml block\n</div>",
        "![img](https://evil.example/x.png)", "footnote[^1]", "\\# escaped already \\*", "**", "a  \nb",
        "1\\. x", "12345) x", "+ plus", "#hashtag", "#4521 reopened",
    ]

    /// What a reader should see of `text` in a block: its non-blank lines, trimmed, one a line.
    static func shownInBlock(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
            .filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// The report of an incident whose every text a person writes is `block` (or `line`
    /// where the report holds one line).
    static func report(block: String, line: String) throws -> String {
        let replica = try Replica.named("alice")
        let id = try replica.createIncident(title: line, severity: Severity(rawValue: 1)!)
        let single = singleLine(block)
        try replica.set(.lead, to: line, of: id)
        try replica.log([NewEntry(at: 0, kind: .event, text: block)], to: id)
        try replica.addNote(single, to: id)
        try replica.addAction(single, owner: singleLine(line), to: id)
        try replica.setStatus(.stabilized, summary: block, of: id)
        try replica.setStatus(.resolved, summary: block, of: id)
        try replica.set(.summary, to: block, of: id)
        try replica.set(.why1, to: block, of: id)
        try replica.setStatus(.reviewed, summary: nil, of: id)
        return MarkdownReport(incident: try replica.incident(id), time: { _ in "2026-11-28 14:02" }, zone: "UTC").text
    }

    /// `text` with its line breaks and tabs as spaces: notes, action items and owners hold one line.
    static func singleLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\t", with: " ")
    }

    /// Checks that the report of `text` has the shape of a plain one (no heading, list,
    /// code, emphasis, link or HTML more or less), and that each paragraph and heading
    /// shows `text` where the plain one shows its stand-in.
    static func checkStaysInPlace(_ text: String, _ comment: Comment) throws {
        let plain = try CommonMarkNode.parse(try report(block: "BLOCKTEXT", line: "LINETEXT"))
        let hostile = try CommonMarkNode.parse(try report(block: text, line: text))
        #expect(hostile.shape == plain.shape, comment)
        let shownTexts = [shownInBlock(text), shownInBlock(singleLine(text))]
        let shownLines = [shownInBlock(text).replacingOccurrences(of: "\n", with: " "), shownInBlock(singleLine(text))]
        let blocks = { (node: CommonMarkNode) in node.all.filter { ["paragraph", "heading"].contains($0.kind) } }
        for (shown, expected) in zip(blocks(hostile), blocks(plain)) {
            let stand = expected.shownText
            if stand.hasPrefix("Id: ") { continue }  // a new incident's id
            let wanted = shownTexts.flatMap { block in
                shownLines.map {
                    stand.replacingOccurrences(of: "BLOCKTEXT", with: block).replacingOccurrences(
                        of: "LINETEXT", with: $0)
                }
            }
            #expect(wanted.contains(shown.shownText), comment)
        }
    }

    @Test("hostile texts stay inside their items as the texts they are", arguments: hostile)
    func hostileTextStaysInPlace(text: String) throws {
        try Self.checkStaysInPlace(text, "\(text.debugDescription)")
    }

    @Test("random texts of markup characters stay in place", arguments: PropertySeeds.range(default: 100))
    func fuzzedTextStaysInPlace(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let alphabet = Array("ab1 #-+=*_`~<>[]()!&|\\.:;/\"'\t\n\r^%$@{}0")
        let text =
            "z"
            + String((0..<Int.random(in: 1...60, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
        try Self.checkStaysInPlace(text, "seed \(seed): \(text.debugDescription)")
    }

    @Test func onlyWebAddressesAreLinks() throws {
        let replica = try Replica.named("alice")
        let id = try replica.createIncident(title: "t", severity: Severity(rawValue: 1)!)
        for url in ["https://status.example.org/1", "javascript:alert(1)", "https://x.example/<b>", "http://a b"] {
            try replica.addLink(url, kind: .post, to: id)
        }
        let report = MarkdownReport(incident: try replica.incident(id), time: { _ in "" }, zone: "UTC").text
        let links = try CommonMarkNode.parse(report).all.filter { $0.kind == "link" }
        #expect(links.map { $0.attributes["destination"] } == ["https://status.example.org/1"])
        let items = try CommonMarkNode.parse(report).all.filter { $0.kind == "item" }.map(\.shownText)
        #expect(items.contains("post: javascript:alert(1)"))
        #expect(items.contains("post: https://x.example/<b>"))
    }
}
