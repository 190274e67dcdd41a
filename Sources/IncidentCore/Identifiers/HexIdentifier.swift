import Crypto

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
    public static func random() -> Self {
        var generator = SystemRandomNumberGenerator()
        let halves = [generator.next() as UInt64, generator.next() as UInt64]
        return Self(uncheckedRawValue: HexDigits.string(of: halves.flatMap { half in
            (0..<8).reversed().map { UInt8(truncatingIfNeeded: half >> ($0 * 8)) }
        }))
    }

    /// An identifier derived from `source`: the same source always gives the same id.
    public static func derived(from source: String) -> Self {
        let digest = SHA256.hash(data: Array(source.utf8))
        return Self(uncheckedRawValue: HexDigits.string(of: Array(digest).prefix(16)))
    }

    /// Whether `text` has the form of an identifier.
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy(isHexDigit)
    }

    /// Whether `text` could start an identifier (used for prefix look-ups).
    public static func isPrefix(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= length && text.utf8.allSatisfy(isHexDigit)
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

private func isHexDigit(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
}
