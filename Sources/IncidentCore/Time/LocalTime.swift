import Foundation

/// Places written times on the calendar of one time zone, and reads them back.
public struct LocalTime: Sendable {
    public let timeZone: TimeZone
    private let calendar: Calendar

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The machine's own time zone.
    public static var current: LocalTime { LocalTime(timeZone: .current) }

    /// Milliseconds since 1970 of a local date and time, or `nil` when no such date exists.
    public func milliseconds(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int = 0
    ) -> Int64? {
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components),
            calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month
        else { return nil }
        return Int64((date.timeIntervalSince1970 * 1000).rounded()) + Int64(millisecond)
    }

    /// The local date and time of an instant.
    public func components(of milliseconds: Int64) -> DateComponents {
        calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(milliseconds: milliseconds))
    }

    /// The latest instant at `hour:minute:second` local time that is not after `now`.
    public func latest(hour: Int, minute: Int, second: Int, notAfter now: Int64) -> Int64 {
        let today = occurrences(hour: hour, minute: minute, second: second, around: now)
        return today.filter { $0 <= now }.max() ?? today.min()!
    }

    /// The instant at `hour:minute:second` local time nearest to `anchor` (the earlier
    /// on a tie) among those not after `limit`; the earliest when all are after it.
    public func nearest(hour: Int, minute: Int, second: Int, to anchor: Int64, notAfter limit: Int64) -> Int64 {
        let candidates = occurrences(hour: hour, minute: minute, second: second, around: anchor)
        let allowed = candidates.filter { $0 <= limit }
        guard !allowed.isEmpty else { return candidates.min()! }
        return allowed.min { (abs($0 - anchor), $0) < (abs($1 - anchor), $1) }!
    }

    /// The occurrences of a local time on the day before, the day of, and the day after `instant`.
    private func occurrences(hour: Int, minute: Int, second: Int, around instant: Int64) -> [Int64] {
        let day = calendar.startOfDay(for: Date(milliseconds: instant))
        return (-1...1).compactMap { offset in
            guard let other = calendar.date(byAdding: .day, value: offset, to: day),
                let date = calendar.date(bySettingHour: hour, minute: minute, second: second, of: other)
            else { return nil }
            return Int64((date.timeIntervalSince1970 * 1000).rounded())
        }
    }
}

extension Date {
    /// The date `milliseconds` after 1970-01-01 UTC.
    public init(milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
