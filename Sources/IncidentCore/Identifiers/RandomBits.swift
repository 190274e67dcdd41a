/// Where new identifiers' random bits come from: the system's secure generator, or, for a
/// test that must replay exactly from its seed, a generator it gives.
public struct RandomBits: Sendable {
    /// Fills its argument with random bytes.
    public let fill: @Sendable (inout [UInt8]) -> Void

    public init(fill: @escaping @Sendable (inout [UInt8]) -> Void) {
        self.fill = fill
    }

    /// The system's secure generator.
    public static let system = RandomBits(fill: fillRandom)
}
