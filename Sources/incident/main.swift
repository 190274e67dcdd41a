import IncidentCommandLine

// The recording program: no network stack linked in; `serve` and `sync URL` run in incident-hub.
IncidentCommand.runWithoutNetwork()
