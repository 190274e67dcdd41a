import Foundation
import IncidentCore
import Testing

@Suite struct EventTimeTests {
    let utc = LocalTime(timeZone: TimeZone(identifier: "UTC")!)
    /// 2026-11-28 14:10:00 UTC.
    let now = ISOTime.milliseconds(year: 2026, month: 11, day: 28, hour: 14, minute: 10, second: 0)

    func utcTime(_ day: Int64, _ hour: Int64, _ minute: Int64) -> Int64 {
        ISOTime.milliseconds(year: 2026, month: 11, day: day, hour: hour, minute: minute, second: 0)
    }

    @Test func acceptsEveryDocumentedForm() throws {
        #expect(try EventTime.parse("14:05", now: now, in: utc) == utcTime(28, 14, 5))
        #expect(try EventTime.parse("2026-11-27 09:30", now: now, in: utc) == utcTime(27, 9, 30))
        #expect(try EventTime.parse("2026-11-28T13:00:00Z", now: now, in: utc) == utcTime(28, 13, 0))
        #expect(try EventTime.parse("2026-11-28T14:00:00+01:00", now: now, in: utc) == utcTime(28, 13, 0))
        #expect(try EventTime.parse("10m ago", now: now, in: utc) == utcTime(28, 14, 0))
        #expect(try EventTime.parse("3h ago", now: now, in: utc) == utcTime(28, 11, 10))
        #expect(try EventTime.parse("now", now: now, in: utc) == now)
    }

    @Test func aBareTimeLaterThanNowIsYesterdays() throws {
        #expect(try EventTime.parse("23:55", now: now, in: utc) == utcTime(27, 23, 55))
    }

    @Test func localTimesFollowTheTimeZone() throws {
        let paris = LocalTime(timeZone: TimeZone(identifier: "Europe/Paris")!)
        #expect(try EventTime.parse("15:05", now: now, in: paris) == utcTime(28, 14, 5))
    }

    @Test(
        "bad times are refused with the accepted forms",
        arguments: ["25:99", "yesterday", "14h05", "2026-02-30 10:00", "", "5 parsecs ago"])
    func badTimesAreRefused(text: String) {
        #expect(throws: CoreError.badTime(text)) { try EventTime.parse(text, now: now, in: utc) }
    }

    @Test func futureTimesAreRefused() {
        #expect(throws: CoreError.futureTime("2026-11-29 10:00")) {
            try EventTime.parse("2026-11-29 10:00", now: now, in: utc)
        }
    }

    @Test func isoFormattingIsUTCAndKeepsMilliseconds() {
        #expect(ISOTime.format(milliseconds: utcTime(28, 14, 2)) == "2026-11-28T14:02:00Z")
        #expect(ISOTime.format(milliseconds: utcTime(28, 14, 2) + 250) == "2026-11-28T14:02:00.250Z")
        #expect(ISOTime.format(milliseconds: 0) == "1970-01-01T00:00:00Z")
    }
}
