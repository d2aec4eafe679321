// The tests share one silo process and time its polling; run them one at a time on a two-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
