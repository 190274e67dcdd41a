import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A Markdown document as CommonMark's reference parser (`cmark`, Debian's; `.ci/run`
/// installs it where missing) reads it: its tree of blocks and inlines.
public struct CommonMarkNode: Equatable, Sendable {
    /// The node's kind: `document`, `heading`, `list`, `item`, `paragraph`, `text`, `code`, `link`, ….
    public var kind: String
    public var attributes: [String: String]
    /// A `text` or `code` node's literal.
    public var literal: String
    public var children: [CommonMarkNode]

    /// Parses `markdown` with `cmark --to xml`.
    public static func parse(_ markdown: String) throws -> CommonMarkNode {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/cmark")
        process.arguments = ["--to", "xml"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let writer = Thread {
            input.fileHandleForWriting.write(Data(markdown.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let xml = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let builder = TreeBuilder()
        let parser = XMLParser(data: xml)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw CocoaError(.coderReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: "cmark's XML did not parse"])
        }
        return root
    }

    /// Every node of the tree, depth first.
    public var all: [CommonMarkNode] { [self] + children.flatMap(\.all) }

    /// What a reader sees of the node: its texts, a line break (hard or soft) as `\n`.
    public var shownText: String {
        switch kind {
        case "text", "code": literal
        case "linebreak", "softbreak": "\n"
        default: children.map(\.shownText).joined()
        }
    }

    /// The tree without its texts and line breaks: the report's shape.
    public var shape: CommonMarkNode {
        CommonMarkNode(
            kind: kind, attributes: attributes, literal: "",
            children: children.filter { !["text", "linebreak", "softbreak"].contains($0.kind) }.map(\.shape))
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [CommonMarkNode] = []
        var root: CommonMarkNode?

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            stack.append(
                CommonMarkNode(
                    kind: name, attributes: attributes.filter { $0.key != "xml:space" && $0.key != "xmlns" },
                    literal: "", children: []))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard let last = stack.indices.last,
                ["text", "code", "code_block", "html_inline", "html_block"]
                    .contains(stack[last].kind)
            else { return }
            stack[last].literal += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let node = stack.removeLast()
            if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
        }
    }
}
