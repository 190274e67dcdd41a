import Crypto
import Foundation

/// Compares a token given with the hub's in the same time wherever they differ: both are
/// hashed, and the digests compared without an early exit.
struct TokenCheck: Sendable {
    private let expectedDigest: [UInt8]

    init(token: String) {
        expectedDigest = Array(SHA256.hash(data: Data(token.utf8)))
    }

    func matches(_ given: String) -> Bool {
        let givenDigest = SHA256.hash(data: Data(given.utf8))
        var difference: UInt8 = 0
        for (a, b) in zip(givenDigest, expectedDigest) { difference |= a ^ b }
        return difference == 0 && !given.isEmpty
    }
}
