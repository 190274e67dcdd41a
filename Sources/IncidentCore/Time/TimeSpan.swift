/// Lengths of time as people type and read them: `30m`, `2h`, `1h30m`, `1d`, `90 minutes`.
public enum TimeSpan {
    /// Milliseconds in each unit word, the short forms first.
    static let unitMilliseconds: [String: Int64] = [
        "s": 1000, "sec": 1000, "secs": 1000, "second": 1000, "seconds": 1000,
        "m": 60_000, "min": 60_000, "mins": 60_000, "minute": 60_000, "minutes": 60_000,
        "h": 3_600_000, "hr": 3_600_000, "hrs": 3_600_000, "hour": 3_600_000, "hours": 3_600_000,
        "d": 86_400_000, "day": 86_400_000, "days": 86_400_000,
    ]

    /// The span `text` says, in milliseconds: one or more amounts each with a unit
    /// (`1h30m`, `2 hours`), at most 100,000 of a unit.
    ///
    /// - Throws: `CoreError.badDuration` for anything else, or a span of nothing.
    public static func milliseconds(parsing text: String) throws(CoreError) -> Int64 {
        var rest = Substring(text.lowercased().filter { $0 != " " && $0 != "\t" })
        var total: Int64 = 0
        guard !rest.isEmpty else { throw .badDuration(text) }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { $0.isASCII && $0.isLetter }
            rest = rest.dropFirst(unit.count)
            guard let amount = Int64(digits), amount <= 100_000, let milliseconds = unitMilliseconds[String(unit)]
            else { throw .badDuration(text) }
            total += amount * milliseconds
        }
        guard total > 0 else { throw .badDuration(text) }
        return total
    }

    /// The span from `start` to `end` in words (`words(milliseconds:)`); instants from peers
    /// can be anywhere in 64 bits, so the difference saturates rather than overflows.
    public static func words(from start: Int64, to end: Int64) -> String {
        words(milliseconds: difference(from: start, to: end))
    }

    /// `end - start`, saturated at the bounds of `Int64`.
    public static func difference(from start: Int64, to end: Int64) -> Int64 {
        let (value, overflow) = end.subtractingReportingOverflow(start)
        return overflow ? (end > start ? .max : .min) : value
    }

    /// A span in words for people, to the minute: `45m`, `2h 5m`, `3d 4h`; under a minute, `<1m`.
    public static func words(milliseconds: Int64) -> String {
        let minutes = max(0, milliseconds) / 60_000
        if minutes == 0 { return "<1m" }
        let (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        if days > 0 { return hours > 0 ? "\(days)d \(hours)h" : "\(days)d" }
        if hours > 0 { return rest > 0 ? "\(hours)h \(rest)m" : "\(hours)h" }
        return "\(rest)m"
    }
}
