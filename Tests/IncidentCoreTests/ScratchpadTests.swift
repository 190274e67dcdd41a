import Foundation
import IncidentCore
import Testing

@Suite struct ScratchpadTests {
    let utc = LocalTime(timeZone: TimeZone(identifier: "UTC")!)
    let now = ISOTime.milliseconds(year: 2026, month: 11, day: 29, hour: 9, minute: 0, second: 0)

    func at(_ day: Int64, _ hour: Int64, _ minute: Int64) -> Int64 {
        ISOTime.milliseconds(year: 2026, month: 11, day: day, hour: hour, minute: minute, second: 0)
    }

    @Test func readsEveryLineFormAndSkipsCommentsAndBlanks() throws {
        let text = """
            # notes from the outage
            14:02 api 5xx climbing
            [14:03] paged bob

            continued without a time
            2026-11-28 14:09 rolled back
            """
        let lines = try Scratchpad.parse(
            text, start: at(28, 14, 0), firstClock: .nearest(to: at(28, 14, 0)), now: now, in: utc)
        #expect(
            lines == [
                TimedLine(number: 2, at: at(28, 14, 2), text: "api 5xx climbing"),
                TimedLine(number: 3, at: at(28, 14, 3), text: "paged bob"),
                TimedLine(number: 5, at: at(28, 14, 3), text: "continued without a time"),
                TimedLine(number: 6, at: at(28, 14, 9), text: "rolled back"),
            ])
    }

    @Test func windowsLineEndingsAndAByteOrderMarkAreRead() throws {
        let text = "\u{FEFF}14:02 api 5xx climbing\r\n[14:03] paged bob\r\n\r\n14:04 last, no newline"
        let lines = try Scratchpad.parse(
            text, start: at(28, 14, 0), firstClock: .nearest(to: at(28, 14, 0)), now: now, in: utc)
        #expect(
            lines == [
                TimedLine(number: 1, at: at(28, 14, 2), text: "api 5xx climbing"),
                TimedLine(number: 2, at: at(28, 14, 3), text: "paged bob"),
                TimedLine(number: 4, at: at(28, 14, 4), text: "last, no newline"),
            ])
    }

    @Test func linesWhoseLeadingTimeCannotBeReadAreFound() {
        let text = """
            14:02 fine
            25:99 not a clock
            [11:15pm] nor this
            2026-13-45 10:00 nor a date
            5-10 users affected, not a time
            1:5 minutes need two digits
            2026-11-28 14:09 fine
            """
        #expect(Scratchpad.linesWithUnreadTimes(text) == [2, 3, 4, 6])
    }

    @Test func notesRunningPastMidnightStayInOrder() throws {
        let lines = try Scratchpad.parse(
            "23:50 still down\n00:10 recovered", start: at(28, 23, 40), firstClock: .nearest(to: at(28, 23, 40)),
            now: now, in: utc)
        #expect(lines.map(\.at) == [at(28, 23, 50), at(29, 0, 10)])
    }

    @Test func linesBeforeAnyTimeTakeTheStart() throws {
        let lines = try Scratchpad.parse(
            "no time here", start: at(28, 14, 0), firstClock: .latestNotAfterNow, now: now, in: utc)
        #expect(lines == [TimedLine(number: 1, at: at(28, 14, 0), text: "no time here")])
    }

    @Test func aBadLineNamesItsNumber() {
        #expect(throws: CoreError.atLine(2, .futureTime("2026-12-01 10:00"))) {
            try Scratchpad.parse(
                "ok\n2026-12-01 10:00 later", start: now, firstClock: .latestNotAfterNow, now: now, in: utc)
        }
    }

    @Test func aTimeWithoutTextMovesTheClockOnly() throws {
        let lines = try Scratchpad.parse(
            "14:00\nthen this", start: now, firstClock: .latestNotAfterNow, now: now, in: utc)
        #expect(lines == [TimedLine(number: 2, at: at(28, 14, 0), text: "then this")])
    }
}
