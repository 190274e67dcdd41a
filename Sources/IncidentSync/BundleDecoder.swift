import Dispatch
import Foundation
import IncidentCore

/// Decodes a bundle's op lines a batch at a time on another thread, and hashes each op for
/// its chain (`PrecomputedDigests`), while the caller applies the batch before: decoding and
/// hashing were a third of a bulk apply, and the machines it runs on have two cores or more.
///
/// The bundle's checksum is kept here too, line by line in order, off the applying thread.
/// One batch is decoded at a time: `start` hands it over, `take` waits for it.
final class BundleDecoder: @unchecked Sendable {
    /// What decoding one batch gave.
    struct Batch: Sendable {
        var operations: [Operation]
        var digests: PrecomputedDigests
        /// How many lines the batch had.
        var lineCount: Int
        /// The first line that did not decode, by its index in the batch, and why (the ops
        /// before it are in `operations`).
        var failure: (index: Int, error: any Error)?
    }

    private let queue = DispatchQueue(label: "incident.bundle-decoder")
    private let finished = DispatchSemaphore(value: 0)
    /// Written on `queue` before `finished` is signalled, read after it is waited for.
    private var decoded: Batch?
    private var checksum: BundleChecksum
    private var decoding = false

    /// Starts with the checksum of the lines before the first batch (the header's).
    init(checksum: BundleChecksum) {
        self.checksum = checksum
    }

    /// The checksum of every line handed over; none may be decoding.
    var checksumOfLines: BundleChecksum {
        precondition(!decoding, "a batch is decoding still")
        return checksum
    }

    /// Starts decoding `lines`, once the batch started before was taken.
    func start(_ lines: [Data]) {
        precondition(!decoding, "a batch is decoding already")
        decoding = true
        queue.async { [self] in
            for line in lines { checksum.addOperation(line) }
            decoded = Self.decode(lines)
            finished.signal()
        }
    }

    /// The batch started last, once decoded; `nil` when none is decoding.
    func take() -> Batch? {
        guard decoding else { return nil }
        finished.wait()
        decoding = false
        defer { decoded = nil }
        return decoded
    }

    /// Lets `batch` go on the decoding thread, once applied: freeing a batch's ops was a
    /// part of the applying thread's time.
    func dispose(_ batch: inout Batch?) {
        guard let applied = batch.take() else { return }
        queue.async { withExtendedLifetime(applied) {} }
    }

    private static func decode(_ lines: [Data]) -> Batch {
        var operations: [Operation] = []
        operations.reserveCapacity(lines.count)
        var failure: (index: Int, error: any Error)?
        for (index, line) in lines.enumerated() {
            do {
                operations.append(try OperationCoding.decode(line))
            } catch {
                failure = (index, error)
                break
            }
        }
        return Batch(
            operations: operations, digests: PrecomputedDigests(hashing: operations), lineCount: lines.count,
            failure: failure)
    }
}
