// Each test class drives silo processes; run them one at a time on a two-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
