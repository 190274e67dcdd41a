import Crypto

#if canImport(Glibc)
    import Glibc
#endif

/// A 128-bit identifier written as 32 lowercase hexadecimal digits.
///
/// Replicas, incidents and timeline entries are each named by one. Random ones
/// come from the system's secure generator; derived ones (an imported line, a
/// promoted note) are the first 128 bits of a SHA-256 of their source, so two
/// replicas deriving from the same source agree on the id.
public protocol HexIdentifier: RawRepresentable, Hashable, Comparable, Codable, Sendable,
    CustomStringConvertible
where RawValue == String {
    init(uncheckedRawValue: String)
}

extension HexIdentifier {
    /// The number of hexadecimal digits in every identifier.
    public static var length: Int { 32 }

    /// Accepts exactly 32 lowercase hexadecimal digits.
    public init?(rawValue: String) {
        guard Self.isWellFormed(rawValue) else { return nil }
        self.init(uncheckedRawValue: rawValue)
    }

    /// A new identifier from 128 random bits.
    public static func random(from bits: RandomBits = .system) -> Self {
        random(count: 1, from: bits)[0]
    }

    /// `count` new identifiers, 128 random bits each, from one read of `bits` (the system's
    /// secure generator unless a test gives its own): a bulk `log` makes one id a line.
    public static func random(count: Int, from bits: RandomBits = .system) -> [Self] {
        var bytes = [UInt8](repeating: 0, count: count * length / 2)
        bits.fill(&bytes)
        return (0..<count).map { index in
            Self(uncheckedRawValue: HexDigits.string(of: Array(bytes[index * length / 2..<(index + 1) * length / 2])))
        }
    }

    /// An identifier derived from `source`: the same source always gives the same id.
    public static func derived(from source: String) -> Self {
        let digest = SHA256.hash(data: Array(source.utf8))
        return Self(uncheckedRawValue: HexDigits.string(of: Array(Array(digest).prefix(16))))
    }

    /// Whether `text` has the form of an identifier.
    public static func isWellFormed(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { digits in
            guard digits.count == length else { return false }
            for digit in digits where !isHexDigit(digit) { return false }
            return true
        }
    }

    /// Whether `text` could start an identifier (used for prefix look-ups).
    public static func isPrefix(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { digits in
            guard !digits.isEmpty, digits.count <= length else { return false }
            for digit in digits where !isHexDigit(digit) { return false }
            return true
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a 32-digit hex id: '\(text)'"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Fills `bytes` from the kernel's secure generator: one read of `/dev/urandom` for
/// any number of bytes, where `SystemRandomNumberGenerator` makes a system call per 8.
func fillRandom(_ bytes: inout [UInt8]) {
    var filled = 0
    #if canImport(Glibc)
        let file = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        if file >= 0 {
            while filled < bytes.count {
                let read = bytes.withUnsafeMutableBytes {
                    Glibc.read(file, $0.baseAddress! + filled, $0.count - filled)
                }
                guard read > 0 else { break }
                filled += read
            }
            close(file)
        }
    #endif
    var generator = SystemRandomNumberGenerator()
    for index in bytes.indices.dropFirst(filled) { bytes[index] = generator.next() }
}

private func isHexDigit(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
}
