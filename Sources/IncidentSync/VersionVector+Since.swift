import Foundation
import IncidentCore
import IncidentStore

extension VersionVector {
    /// What a peer holds, as `bundle create --since` takes it: the path of a bundle that
    /// peer wrote (its header's vector, checked), or a JSON vector `{"replica": seq}`.
    ///
    /// - Throws: `SyncError.badSince` for a file that is not a bundle, or text that is
    ///   neither a file nor a vector; the bundle's own errors for a damaged one.
    public init(since text: String) throws {
        if FileManager.default.fileExists(atPath: text) {
            do {
                self = try Replica.vector(ofBundleAt: text)
            } catch SyncError.notABundle {
                throw SyncError.badSince(text, isFile: true)
            }
        } else if let parsed = try? JSONDecoder().decode(VersionVector.self, from: Data(text.utf8)) {
            self = parsed
        } else {
            throw SyncError.badSince(text, isFile: false)
        }
    }
}
