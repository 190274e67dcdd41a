/// The 16 bytes behind the 32 hexadecimal digits: how the store keeps ids.
extension HexIdentifier {
    /// The identifier as 16 bytes, most significant first (byte order is hex order).
    public var bytes: [UInt8] {
        var text = rawValue
        return text.withUTF8 { digits in
            [UInt8](unsafeUninitializedCapacity: digits.count / 2) { result, count in
                for index in 0..<digits.count / 2 {
                    result[index] = nibble(digits[2 * index]) << 4 | nibble(digits[2 * index + 1])
                }
                count = digits.count / 2
            }
        }
    }

    /// The identifier whose bytes are `bytes`, or `nil` unless there are exactly 16.
    public init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count == Self.length / 2 else { return nil }
        self.init(uncheckedRawValue: HexDigits.string(of: bytes))
    }

    /// The identifier whose bytes are `bytes`, or `nil` unless there are exactly 16.
    public init?(bytes: [UInt8]) {
        guard let id = bytes.withUnsafeBytes({ Self(bytes: $0) }) else { return nil }
        self = id
    }
}

/// The value of one lowercase hex digit (the identifier was checked when made).
@inline(__always)
private func nibble(_ digit: UInt8) -> UInt8 {
    digit <= UInt8(ascii: "9") ? digit &- UInt8(ascii: "0") : digit &- UInt8(ascii: "a") &+ 10
}

/// Lowercase hexadecimal text of bytes.
public enum HexDigits {
    /// Two lowercase hex digits a byte, most significant first.
    public static func string(of bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            var index = 0
            for byte in bytes {
                buffer[index] = digit(byte >> 4)
                buffer[index + 1] = digit(byte & 0x0F)
                index += 2
            }
            return index
        }
    }

    /// `value` in lowercase hex, at least `width` digits, zeros in front.
    ///
    /// Written into the string's storage, digit by digit: every op's clock is written so.
    public static func string(of value: UInt64, width: Int) -> String {
        let count = digitCount(of: value, width: width)
        return String(unsafeUninitializedCapacity: count) { buffer in
            var rest = value
            for index in stride(from: count - 1, through: 0, by: -1) {
                buffer[index] = digit(UInt8(truncatingIfNeeded: rest & 0x0F))
                rest >>= 4
            }
            return count
        }
    }

    /// How many hex digits `value` takes, at least `width`.
    static func digitCount(of value: UInt64, width: Int) -> Int {
        var significant = 1
        while significant < 16, value >> (4 * UInt64(significant)) != 0 { significant += 1 }
        return max(width, significant)
    }

    /// The lowercase hex digit of a value below 16.
    @inline(__always)
    static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") &+ value : UInt8(ascii: "a") &- 10 &+ value
    }

    /// Two lowercase hex digits a byte, most significant first.
    public static func string(of bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { string(of: $0) }
    }

    /// The bounds of the byte strings whose hex text starts with `prefix` (lowercase hex):
    /// every such value `v` has `lower <= v < upper`; `upper` is `nil` when no bound is needed.
    public static func range(ofPrefix prefix: String) -> (lower: [UInt8], upper: [UInt8]?) {
        var nibbles = prefix.utf8.map {
            $0 <= UInt8(ascii: "9") ? $0 &- UInt8(ascii: "0") : $0 &- UInt8(ascii: "a") &+ 10
        }
        func pack(_ nibbles: [UInt8]) -> [UInt8] {
            var padded = nibbles
            if padded.count % 2 == 1 { padded.append(0) }
            return stride(from: 0, to: padded.count, by: 2).map { padded[$0] << 4 | padded[$0 + 1] }
        }
        let lower = pack(nibbles)
        // The next prefix of the same length: add one to the last nibble that is not f.
        while let last = nibbles.last, last == 0x0F { nibbles.removeLast() }
        guard !nibbles.isEmpty else { return (lower, nil) }
        nibbles[nibbles.count - 1] += 1
        return (lower, pack(nibbles))
    }
}

extension HexDigits {
    /// The bytes of lowercase hex text, or `nil` for text of odd length or with any other
    /// character (a peer's text is checked before it is read).
    public static func bytes(of text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(of: digits[index]), let low = value(of: digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
