extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    ///
    /// - Complexity: O(length), one copy of the kept text.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        // Unicode scalar indices are valid UTF-8 indices; Character ones could round down.
        return String(decoding: utf8[first..<scalars.index(after: last)], as: UTF8.self)
    }
}
