import Foundation

/// The PEM file of the certificate authority a hub's certificate is checked against
/// (`remote add --ca-file`, `INCIDENT_CA_FILE`).
public enum CAFile {
    /// Checks that `path` can be read and holds at least one PEM certificate, so that a
    /// wrong file is named before a sync blames the hub's address.
    ///
    /// - Throws: `SyncError.badCAFile`.
    public static func check(_ path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SyncError.badCAFile(path, isReadable: false)
        }
        guard data.range(of: Data("-----BEGIN CERTIFICATE-----".utf8)) != nil else {
            throw SyncError.badCAFile(path, isReadable: true)
        }
    }
}
