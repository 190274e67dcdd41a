import Foundation

/// What one run of the `incident` executable did.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the built `incident` executable in a temporary home, as a maintainer would.
public struct CommandRunner: Sendable {
    /// The folder standing in for the maintainer's home (and XDG data folder).
    public let home: TemporaryDirectory
    /// Extra environment for every run.
    public var environment: [String: String]

    public init(environment: [String: String] = [:]) throws {
        home = try TemporaryDirectory()
        self.environment = environment
    }

    /// The `incident` executable built beside the test bundle.
    public static let executable: URL = {
        let tests = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return tests.deletingLastPathComponent().appendingPathComponent("incident")
    }()

    /// Runs `incident arguments…` (or another `executable`), feeding `input` on standard input.
    public func run(
        _ arguments: [String], input: String = "", environment extra: [String: String] = [:],
        executable: URL = Self.executable
    ) throws -> CommandResult {
        let process = try start(arguments, input: input, environment: extra, executable: executable)
        return try process.finish()
    }

    /// Runs `incident arguments…` on a terminal, through script(1) (bsdutils, essential on
    /// Debian), typing `input`; returns what the terminal showed.
    public func runInTerminal(_ arguments: [String], input: String = "") throws -> String {
        let command = ([Self.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        var environment = ["HOME": home.path, "XDG_DATA_HOME": home.file("data"), "TERM": "dumb", "TZ": "UTC"]
        environment.merge(self.environment) { $1 }
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }

    /// Starts `incident arguments…` (or another `executable`) without waiting, for tests of
    /// concurrent processes.
    public func start(
        _ arguments: [String], input: String = "", environment extra: [String: String] = [:],
        executable: URL = Self.executable
    ) throws -> RunningCommand {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = [
            "HOME": home.path, "XDG_DATA_HOME": home.file("data"), "USER": "tester", "TZ": "UTC",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        environment.merge(self.environment) { $1 }
        environment.merge(extra) { $1 }
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: home.path)
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let running = RunningCommand(process: process, stdout: stdout, stderr: stderr)
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        return running
    }
}

/// A started `incident` process.
public final class RunningCommand: @unchecked Sendable {
    let process: Process
    private var output = Data()
    private var errors = Data()
    private let readers = DispatchGroup()

    /// The process id, to send it signals.
    public var pid: Int32 { process.processIdentifier }

    init(process: Process, stdout: Pipe, stderr: Pipe) {
        self.process = process
        readers.enter()
        DispatchQueue.global().async { [self] in
            output = stdout.fileHandleForReading.readDataToEndOfFile()
            readers.leave()
        }
        readers.enter()
        DispatchQueue.global().async { [self] in
            errors = stderr.fileHandleForReading.readDataToEndOfFile()
            readers.leave()
        }
    }

    /// Waits for the process to end and returns what it did.
    public func finish() throws -> CommandResult {
        readers.wait()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errors, as: UTF8.self))
    }
}
