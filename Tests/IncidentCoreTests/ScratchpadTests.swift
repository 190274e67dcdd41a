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
            text, start: at(28, 14, 0), firstClock: .nearest(to: at(28, 14, 0)), comments: .hashThenSpace, now: now,
            in: utc
        ).lines
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
            text, start: at(28, 14, 0), firstClock: .nearest(to: at(28, 14, 0)), comments: .hashThenSpace, now: now,
            in: utc
        ).lines
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
            comments: .hashThenSpace, now: now, in: utc
        ).lines
        #expect(lines.map(\.at) == [at(28, 23, 50), at(29, 0, 10)])
    }

    @Test func linesBeforeAnyTimeTakeTheStart() throws {
        let lines = try Scratchpad.parse(
            "no time here", start: at(28, 14, 0), firstClock: .latestNotAfterNow, comments: .hashThenSpace, now: now,
            in: utc
        ).lines
        #expect(lines == [TimedLine(number: 1, at: at(28, 14, 0), text: "no time here")])
    }

    @Test func aBadLineNamesItsNumber() {
        #expect(throws: CoreError.atLine(2, .futureTime("2026-12-01 10:00"))) {
            try Scratchpad.parse(
                "ok\n2026-12-01 10:00 later", start: now, firstClock: .latestNotAfterNow, comments: .hashThenSpace,
                now: now, in: utc
            ).lines
        }
    }

    @Test func aTimeWithoutTextMovesTheClockOnly() throws {
        let lines = try Scratchpad.parse(
            "14:00\nthen this", start: now, firstClock: .latestNotAfterNow, comments: .hashThenSpace, now: now, in: utc
        ).lines
        #expect(lines == [TimedLine(number: 2, at: at(28, 14, 0), text: "then this")])
    }

    @Test func onlyAHashThenASpaceIsACommentInAFile() throws {
        let text = "# a comment\n#4521 reopened\n#status-stabilized posted\n#\n\t# indented comment\n14:02\n"
        let file = try Scratchpad.parse(
            text, start: at(28, 14, 0), firstClock: .nearest(to: at(28, 14, 0)), comments: .hashThenSpace, now: now,
            in: utc)
        #expect(file.lines.map(\.text) == ["#4521 reopened", "#status-stabilized posted"])
        #expect(file.passedOver == [1, 4, 5, 6])
        let typed = try Scratchpad.parse(
            text, start: at(28, 14, 0), firstClock: .nearest(to: at(28, 14, 0)), comments: .none, now: now, in: utc)
        #expect(
            typed.lines.map(\.text) == [
                "# a comment", "#4521 reopened", "#status-stabilized posted", "#",
                "# indented comment",
            ])
        #expect(typed.passedOver == [6])
    }

    @Test func emptyTextHasNoLinesToPassOver() throws {
        let reading = try Scratchpad.parse(
            "", start: now, firstClock: .latestNotAfterNow, comments: .none, now: now, in: utc)
        #expect(reading == ScratchpadReading(lines: [], passedOver: []))
    }
}
