/// Converts between milliseconds since 1970 UTC and ISO 8601 UTC text.
///
/// Pure arithmetic (days from civil dates), so JSON output is the same on every
/// machine whatever its locale, time zone or Foundation version.
public enum ISOTime {
    /// `2026-11-28T14:02:00Z`, with `.123` before the `Z` when there are milliseconds.
    public static func format(milliseconds: Int64) -> String {
        let (days, msOfDay) = floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        guard (0...9999).contains(year) else {
            // Years of other widths (a hostile clock) take the slow, general path.
            let seconds = msOfDay / 1000
            var text =
                "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
                + "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
            if msOfDay % 1000 != 0 { text += "." + pad(msOfDay % 1000, 3) }
            return text + "Z"
        }
        let seconds = msOfDay / 1000
        let millis = msOfDay % 1000
        return String(unsafeUninitializedCapacity: 24) { buffer in
            var index = 0
            func digits(_ value: Int64, _ width: Int) {
                var value = value
                for offset in (0..<width).reversed() {
                    buffer[index + offset] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
                index += width
            }
            func character(_ ascii: Unicode.Scalar) {
                buffer[index] = UInt8(ascii: ascii)
                index += 1
            }
            digits(year, 4)
            character("-")
            digits(month, 2)
            character("-")
            digits(day, 2)
            character("T")
            digits(seconds / 3600, 2)
            character(":")
            digits(seconds / 60 % 60, 2)
            character(":")
            digits(seconds % 60, 2)
            if millis != 0 {
                character(".")
                digits(millis, 3)
            }
            character("Z")
            return index
        }
    }

    /// Milliseconds since 1970 for a UTC civil date and time.
    public static func milliseconds(
        year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64, millisecond: Int64 = 0
    ) -> Int64 {
        let days = daysFromCivil(year: year, month: month, day: day)
        return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millisecond
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    public static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

private func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
    let remainder = value % divisor
    return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
}

private func pad(_ value: Int64, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
}
