/// Turns what a person wrote into an event time, by DESIGN.md's rules.
public enum EventTime {
    /// How far ahead of the local clock a time may be before it counts as the future.
    public static let futureTolerance: Int64 = 60_000

    /// Parses an `--at` argument: a bare `14:05` is the latest such local time not in
    /// the future (yesterday's, just after midnight).
    ///
    /// - Throws: `CoreError.badTime` for text of no accepted form, `.futureTime` for
    ///   a time more than a minute ahead of `now`.
    public static func parse(_ text: String, now: Int64, in local: LocalTime) throws(CoreError) -> Int64 {
        guard let written = WrittenTime(text) else { throw .badTime(text) }
        return try resolve(written, text: text, now: now, in: local) { hour, minute, second, zone in
            zone.latest(hour: hour, minute: minute, second: second, notAfter: now)
        }
    }

    /// Parses an `--at` argument that moves something standing at `anchor`: a bare
    /// `22:05` is the such local time nearest `anchor` (so a late-night entry moved to
    /// `00:10` goes to the next day), never in the future.
    ///
    /// - Throws: as `parse(_:now:in:)`.
    public static func parse(
        _ text: String, near anchor: Int64, now: Int64, in local: LocalTime
    ) throws(CoreError) -> Int64 {
        guard let written = WrittenTime(text) else { throw .badTime(text) }
        return try resolve(written, text: text, now: now, in: local) { hour, minute, second, zone in
            zone.nearest(hour: hour, minute: minute, second: second, to: anchor, notAfter: now)
        }
    }

    /// Places `written` on the calendar, bare times by `placeTimeOfDay` (in the zone written
    /// with them, else `local`), and refuses the future.
    public static func resolve(
        _ written: WrittenTime, text: String, now: Int64, in local: LocalTime,
        placeTimeOfDay: (_ hour: Int, _ minute: Int, _ second: Int, _ zone: LocalTime) -> Int64
    ) throws(CoreError) -> Int64 {
        let instant: Int64
        switch written {
        case .ago(let milliseconds):
            instant = now - milliseconds
        case .instant(let milliseconds):
            instant = milliseconds
        case .timeOfDay(let hour, let minute, let second, let zone):
            // A calendar is made only for a zone other than `local`'s: a file of lines in UTC
            // reuses one.
            let place = zone.map { $0 == local.timeZone ? local : LocalTime(timeZone: $0) } ?? local
            instant = placeTimeOfDay(hour, minute, second, place)
        case .local(let year, let month, let day, let hour, let minute, let second, let millisecond):
            guard
                let value = local.milliseconds(
                    year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                    millisecond: millisecond)
            else { throw .badTime(text) }
            instant = value
        }
        guard instant <= now + futureTolerance else { throw .futureTime(text) }
        return instant
    }
}
