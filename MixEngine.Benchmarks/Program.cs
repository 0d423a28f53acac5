using BenchmarkDotNet.Running;

// Runs the micro-benchmarks chosen on the command line (BenchmarkDotNet switcher: --filter '*Pan*', --list flat).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
