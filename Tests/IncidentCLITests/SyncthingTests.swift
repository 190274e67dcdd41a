import Foundation
import IncidentTestSupport
import Testing

/// Folder sync through a real file-sync engine: two Syncthing instances (Debian's
/// `syncthing`; `.ci/run` installs it where missing) on loopback, with their own homes and
/// ports and no discovery or relays, share one folder. Two maintainers record at once,
/// each syncing into their own side of the share, and end byte-identical.
@Suite(ExternalProgram.needed("syncthing")) struct SyncthingTests {
    /// One Syncthing instance: its home, its device id and the ports it uses.
    struct Instance {
        let home: String
        let share: String
        let listenPort: Int
        let guiPort: Int
        var deviceID = ""
        var process: Process?

        static func make(_ name: String, in folder: String) throws -> Instance {
            let base = Int.random(in: 20_000...59_000)
            var instance = Instance(
                home: "\(folder)/\(name)-syncthing", share: "\(folder)/\(name)-share", listenPort: base,
                guiPort: base + 1)
            try FileManager.default.createDirectory(
                atPath: instance.share + "/.stfolder", withIntermediateDirectories: true)
            _ = try HubCommandTests.run(
                "syncthing", ["generate", "--home=\(instance.home)", "--no-default-folder", "--skip-port-probing"],
                in: folder)
            instance.deviceID = try HubCommandTests.run(
                "syncthing", ["serve", "--home=\(instance.home)", "--device-id"], in: folder
            ).trimmingCharacters(in: .whitespacesAndNewlines)
            return instance
        }

        /// A whole configuration: one folder shared with `peer`, reached at its loopback port
        /// only; no discovery, relays, NAT traversal, upgrades or usage reports.
        func writeConfiguration(sharingWith peer: Instance) throws {
            func device(_ instance: Instance, _ name: String) -> String {
                """
                <device id="\(instance.deviceID)" name="\(name)" compression="metadata" introducer="false">
                    <address>tcp://127.0.0.1:\(instance.listenPort)</address>
                </device>
                """
            }
            let configuration = """
                <configuration version="36">
                    <folder id="incidents" label="incidents" path="\(share)" type="sendreceive"
                        rescanIntervalS="1" fsWatcherEnabled="true" fsWatcherDelayS="1">
                        <device id="\(deviceID)"></device>
                        <device id="\(peer.deviceID)"></device>
                        <minDiskFree unit="%">0</minDiskFree>
                    </folder>
                    \(device(self, "self"))
                    \(device(peer, "peer"))
                    <gui enabled="true" tls="false"><address>127.0.0.1:\(guiPort)</address></gui>
                    <options>
                        <listenAddress>tcp://127.0.0.1:\(listenPort)</listenAddress>
                        <globalAnnounceEnabled>false</globalAnnounceEnabled>
                        <localAnnounceEnabled>false</localAnnounceEnabled>
                        <relaysEnabled>false</relaysEnabled>
                        <natEnabled>false</natEnabled>
                        <startBrowser>false</startBrowser>
                        <urAccepted>-1</urAccepted>
                        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
                        <crashReportingEnabled>false</crashReportingEnabled>
                        <minHomeDiskFree unit="%">0</minHomeDiskFree>
                    </options>
                </configuration>
                """
            try configuration.write(toFile: home + "/config.xml", atomically: true, encoding: .utf8)
        }

        mutating func start() throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["syncthing", "serve", "--home=\(home)", "--no-browser", "--no-restart"]
            process.environment = ["HOME": home, "STNOUPGRADE": "1", "PATH": "/usr/bin:/bin"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            self.process = process
        }

        func stop() {
            guard let process, process.isRunning else { return }
            process.terminate()
            process.waitUntilExit()
        }
    }

    @Test(.timeLimit(.minutes(3))) func twoReplicasSyncingThroughSyncthingEndByteIdentical() throws {
        let team = try SyncCommandTests.Team()
        defer { team.cli.home.remove() }
        let home = team.cli.home.path
        var alice = try Instance.make("alice", in: home)
        var bob = try Instance.make("bob", in: home)
        try alice.writeConfiguration(sharingWith: bob)
        try bob.writeConfiguration(sharingWith: alice)
        try alice.start()
        try bob.start()
        defer {
            alice.stop()
            bob.stop()
        }

        // Both record at once, before either has seen the other.
        let first = try team.newIncident("alice", "Search returns nothing")
        let second = try team.newIncident("bob", "Thumbnails are broken", severity: "2")
        #expect(try team.run("alice", ["log", "-i", first, "alice: 5xx at 40%"]).status == 0)
        #expect(try team.run("bob", ["notes", "add", "-i", second, "bob: cache hit rate fell"]).status == 0)
        #expect(try team.run("alice", ["sync", alice.share]).status == 0)
        #expect(try team.run("bob", ["sync", bob.share]).status == 0)

        // Syncthing's own leftovers, which folder sync must pass over.
        let replicaFolder = try #require(
            try FileManager.default.contentsOfDirectory(atPath: bob.share).first { !$0.hasPrefix(".") })
        let segment = try #require(
            try FileManager.default.contentsOfDirectory(atPath: "\(bob.share)/\(replicaFolder)").first)
        try Data("half a file".utf8).write(
            to: URL(fileURLWithPath: "\(bob.share)/\(replicaFolder)/.syncthing.\(segment).tmp"))
        try FileManager.default.copyItem(
            atPath: "\(bob.share)/\(replicaFolder)/\(segment)",
            toPath: "\(bob.share)/\(replicaFolder)/\(segment).sync-conflict-20261129-120000-ABCDEFG")

        var converged = false
        let deadline = Date().addingTimeInterval(120)
        while !converged, Date() < deadline {
            Thread.sleep(forTimeInterval: 1)
            let a = try team.run("alice", ["sync", alice.share])
            let b = try team.run("bob", ["sync", bob.share])
            #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
            let lists = try ["alice", "bob"].map { try team.run($0, ["list", "--all", "--json"]).stdout }
            converged =
                lists[0] == lists[1] && lists[0].contains("Search returns nothing")
                && lists[0].contains("Thumbnails are broken")
        }
        #expect(converged, "Syncthing carried both replicas' segments within two minutes")
        for id in [first, second] {
            #expect(
                try team.run("alice", ["show", id, "--json"]).stdout == team.run("bob", ["show", id, "--json"]).stdout)
        }
        #expect(try team.run("bob", ["show", first]).stdout.contains("alice: 5xx at 40%"))
        #expect(try team.run("alice", ["notes", "-i", second]).stdout.contains("bob: cache hit rate fell"))
    }
}
