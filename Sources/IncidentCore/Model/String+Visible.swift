/// Text from peers shown on a terminal.
extension String {
    /// The text with every control character made visible: C0 controls and DEL in caret
    /// notation (ESC as `^[`, BEL as `^G`, CR as `^M`, NUL as `^@`, DEL as `^?`), C1
    /// controls and the bidirectional embeddings, overrides and isolates as `\u{…}`. Text a
    /// peer wrote can then neither move the cursor, clear or retitle the terminal, nor
    /// show its characters in another order than they are stored.
    public var visibleOnTerminal: String {
        var copy = self
        let clean = copy.withUTF8 { utf8 in !utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 } }
        if clean { return self }
        var visible = ""
        visible.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x00..<0x20: visible += "^" + String(UnicodeScalar(UInt8(scalar.value) + 0x40))
            case 0x7F: visible += "^?"
            case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069:
                visible += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: visible.unicodeScalars.append(scalar)
            }
        }
        return visible
    }
}
