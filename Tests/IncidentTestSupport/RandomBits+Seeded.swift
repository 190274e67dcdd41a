import Foundation
import IncidentCore

extension RandomBits {
    /// Bits from a generator seeded with `seed`: a replica made with them records the same
    /// ids run after run, so a failing seed replays exactly.
    public static func seeded(_ seed: UInt64) -> RandomBits {
        let source = LockedGenerator(seed: seed)
        return RandomBits { bytes in source.fill(&bytes) }
    }
}

/// A seeded generator shared by the calls of one replica.
private final class LockedGenerator: @unchecked Sendable {
    private let lock = NSLock()
    private var generator: SeededGenerator

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    func fill(_ bytes: inout [UInt8]) {
        lock.withLock {
            for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        }
    }
}
