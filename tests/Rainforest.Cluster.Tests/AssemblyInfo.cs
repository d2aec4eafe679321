// Each test runs three silo processes and a gateway; one at a time on a two-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
