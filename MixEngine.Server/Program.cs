using MixEngine.Server.Cli;

return CommandLineApp.Run(args);
