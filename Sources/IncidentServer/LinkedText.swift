/// A text cut into runs, the web addresses in it apart, for a page that makes them links.
///
/// An address is a run of non-space characters that starts with `http://` or `https://`
/// (any case) and names a host, up to a `"`, `<` or `>`; punctuation that ends a sentence
/// (`.`, `,`, `)`, …) is left out of it. Nothing else becomes a link (`javascript:`, `data:`, `file:` never do), and
/// every run is escaped by the template like any text.
enum LinkedText {
    /// A run of text, and the address it links to when it is one.
    struct Run: Equatable {
        var text: String
        var address: String?
    }

    /// The characters taken off an address's end: a sentence's, not the address's.
    private static let trailing: Set<Character> = [".", ",", ";", ":", "!", "?", ")", "]", "}", "'", "\"", ">"]

    static func runs(of text: String) -> [Run] {
        var runs: [Run] = []
        var plain = ""
        var index = text.startIndex
        while index < text.endIndex {
            let atWordStart = index == text.startIndex || text[text.index(before: index)].isWhitespace
            if atWordStart, let address = address(at: index, in: text) {
                if !plain.isEmpty { runs.append(Run(text: plain)) }
                plain = ""
                runs.append(Run(text: address, address: address))
                index = text.index(index, offsetBy: address.count)
                continue
            }
            plain.append(text[index])
            index = text.index(after: index)
        }
        if !plain.isEmpty { runs.append(Run(text: plain)) }
        return runs
    }

    /// The address that starts at `start`, if one does.
    private static func address(at start: String.Index, in text: String) -> String? {
        // `"`, `<` and `>` never stand raw in an address: one ends there.
        var word = String(text[start...].prefix { !$0.isWhitespace && !"\"<>".contains($0) })
        let lowered = word.lowercased()
        guard let scheme = ["https://", "http://"].first(where: lowered.hasPrefix) else { return nil }
        while let last = word.last, trailing.contains(last), word.count > scheme.count { word.removeLast() }
        let host = word.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return host.isEmpty ? nil : word
    }
}
