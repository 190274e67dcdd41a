import Foundation
import IncidentCore

/// How commands print: lines for people (local time), JSON for programs.
enum Output {
    /// Prints `value` as one line of JSON with sorted keys, the same bytes on every replica.
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// `14:02` in local time.
    static func clock(_ milliseconds: Int64, in local: LocalTime = .current) -> String {
        let parts = local.components(of: milliseconds)
        return pad(parts.hour) + ":" + pad(parts.minute)
    }

    /// `2026-11-28` in local time.
    static func day(_ milliseconds: Int64, in local: LocalTime = .current) -> String {
        let parts = local.components(of: milliseconds)
        return "\(parts.year ?? 0)-" + pad(parts.month) + "-" + pad(parts.day)
    }

    /// `2026-11-28 14:02` in local time.
    static func dateTime(_ milliseconds: Int64) -> String {
        day(milliseconds) + " " + clock(milliseconds)
    }

    private static func pad(_ value: Int?) -> String {
        let value = value ?? 0
        return value < 10 ? "0\(value)" : "\(value)"
    }
}
