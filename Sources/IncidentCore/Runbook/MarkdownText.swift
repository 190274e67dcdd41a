/// Text from people (and peers) written into Markdown so that a CommonMark reader
/// shows it as the text it is: never as a heading, a list, a code block, emphasis, a
/// link or raw HTML, and always inside the list item or paragraph it was put in.
///
/// What CommonMark reads as structure anywhere in a line (`\ ` * _ [ ] < > & ~ |`,
/// the last two for GitHub's tables and strikethrough) is escaped with a backslash;
/// what it reads as structure only at a line's start (`#`, `-`, `+`, `=`, `1.`, `1)`)
/// is escaped there. A line break (`\n`, `\r\n` or `\r`) becomes a hard line break
/// (`\` at the end of the line) followed by the indentation of the block it is in, so
/// the next line stays in it; blank lines and the whitespace around each line go.
enum MarkdownText {
    /// `text` for a place that holds one line (a heading, a name): its line breaks become spaces.
    static func line(_ text: String) -> String {
        escapedLines(of: text).joined(separator: " ")
    }

    /// `text` for a paragraph or a list item whose content starts `indent` columns in.
    static func block(_ text: String, indent: Int) -> String {
        let lines = escapedLines(of: text)
        return lines.isEmpty ? "" : lines.joined(separator: "\\\n" + String(repeating: " ", count: indent))
    }

    /// `<url>`, a link, when `url` is an http(s) address an autolink holds whole; else the
    /// address as text (a `javascript:` address is never a link).
    static func link(_ url: String) -> String {
        let isWeb = url.hasPrefix("https://") || url.hasPrefix("http://")
        let isWhole = !url.unicodeScalars.contains {
            $0 == "<" || $0 == ">" || $0.value <= 0x20 || $0.value == 0x7F || $0.properties.isWhitespace
        }
        return isWeb && isWhole ? "<\(url)>" : line(url)
    }

    /// The non-blank lines of `text`, trimmed, each escaped.
    private static func escapedLines(of text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCarriageReturn {
                previousWasCarriageReturn = false
                continue
            }
            previousWasCarriageReturn = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                lines.append(current)
                current = ""
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        lines.append(current)
        return lines.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.map(escaped)
    }

    /// Characters CommonMark (or GitHub's flavour of it) reads as markup wherever they stand.
    private static let markupAnywhere: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "~", "|"]
    /// Characters that start a block (heading, list, thematic break, setext underline) at a line's start.
    private static let blockStarts: Set<Unicode.Scalar> = ["#", "-", "+", "="]

    private static func escaped(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(line.unicodeScalars)
        // An ordered list's marker: up to nine digits then `.` or `)`.
        let digits = scalars.prefix { ("0"..."9").contains($0) }.count
        for (index, scalar) in scalars.enumerated() {
            let startsBlock =
                (index == 0 && blockStarts.contains(scalar))
                || (index == digits && (1...9).contains(digits) && (scalar == "." || scalar == ")"))
            if markupAnywhere.contains(scalar) || startsBlock { out.append("\\") }
            out.append(scalar)
        }
        return String(out)
    }
}
