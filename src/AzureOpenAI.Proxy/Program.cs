// Entry point: the CLI (System.CommandLine) whose `serve` verb runs the proxy. See Cli/.
return 0;
