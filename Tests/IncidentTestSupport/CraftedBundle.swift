import Foundation
import IncidentSync

/// Bundles written by hand, as a hostile or broken peer would: any header, any op
/// lines, with a trailer whose count and checksum match them (so only what the test
/// means to break is broken).
public enum CraftedBundle {
    /// A bundle of `header` (a JSON object's text) and `operations` (op lines); the
    /// checksum covers the header unless `headerChecked` is false (format 1).
    public static func text(header: String, operations: [String] = [], headerChecked: Bool = true) -> String {
        var checksum = BundleChecksum(headerLine: Data(header.utf8), version: headerChecked ? 2 : 1)
        for line in operations { checksum.addOperation(Data(line.utf8)) }
        return ([header] + operations + [checksum.trailerLine]).map { $0 + "\n" }.joined()
    }

    /// A header line of `version`, from `source`, with `vector` (replica id to seq).
    public static func header(version: Int = 2, source: String, vector: [String: Int64] = [:]) -> String {
        let entries = vector.sorted { $0.key < $1.key }.map { #""\#($0.key)":\#($0.value)"# }
        return #"{"bundle":"incident","source":"\#(source)","vector":{"#
            + entries.joined(separator: ",") + #"},"version":\#(version)}"#
    }
}
