/// How bad an incident is, from the runbook: 1 (service down) to 3 (minor or staging only).
public struct Severity: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: Int

    /// Accepts 1, 2 or 3.
    public init?(rawValue: Int) {
        guard (1...3).contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Parses `1`, `2`, `3` (also `sev1`, `S2`), or throws `CoreError.badSeverity`.
    public init(parsing text: String) throws(CoreError) {
        var digits = Substring(text.lowercased())
        for prefix in ["sev", "s"] where digits.hasPrefix(prefix) {
            digits = digits.dropFirst(prefix.count)
            break
        }
        guard let number = Int(digits), let severity = Severity(rawValue: number) else {
            throw .badSeverity(text)
        }
        self = severity
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "SEV\(rawValue)" }

    public init(from decoder: any Decoder) throws {
        let number = try decoder.singleValueContainer().decode(Int.self)
        guard let value = Severity(rawValue: number) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "severity \(number) is not 1, 2 or 3"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
