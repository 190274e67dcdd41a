import Foundation

/// The canonical JSON encoding of operations and of their bodies.
///
/// Keys are sorted, there is no white space, and strings are escaped as
/// Foundation's `JSONEncoder` escapes them, so one operation has one encoding:
/// the same bytes on every replica, fit for checksums and golden files. Written
/// and read by hand (`JSONWriter`, `JSONReader`): Foundation's coders were most of
/// the cost of a bundle.
public enum OperationCoding {
    /// Encodes a whole operation (envelope and body) as one line of JSON.
    public static func encode(_ operation: Operation) -> Data {
        var writer = JSONWriter()
        operation.write(to: &writer)
        return Data(writer.bytes)
    }

    /// Decodes a whole operation, checking its version, kind and values.
    ///
    /// - Throws: `CoreError.unsupportedFormat` for a newer format, `.malformedOperation` otherwise.
    public static func decode(_ data: Data) throws(CoreError) -> Operation {
        let result = data.withUnsafeBytes { bytes in
            Result { () throws(CoreError) in try decode(bytes.assumingMemoryBound(to: UInt8.self)) }
        }
        return try result.get()
    }

    /// Decodes a whole operation from bytes, as `decode(_:)` does from `Data`.
    public static func decode(_ bytes: [UInt8]) throws(CoreError) -> Operation {
        let result = bytes.withUnsafeBufferPointer { buffer in Result { () throws(CoreError) in try decode(buffer) } }
        return try result.get()
    }

    private static func decode(_ buffer: UnsafeBufferPointer<UInt8>) throws(CoreError) -> Operation {
        try JSONReader.read(buffer) { reader throws(CoreError) in try Operation(reader: &reader) }
    }

    /// Encodes the body alone, as the store keeps it beside the envelope columns.
    public static func encodeBody(_ payload: Payload) -> String {
        var writer = JSONWriter()
        payload.write(to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Decodes a body stored by `encodeBody` for an operation of `kind`.
    public static func decodeBody(_ text: String, kind: OperationKind) throws(CoreError) -> Payload {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(CoreError) in
                try JSONReader.read(buffer) { reader throws(CoreError) in try Payload(kind: kind, reader: &reader) }
            }
        }
        return try result.get()
    }
}
