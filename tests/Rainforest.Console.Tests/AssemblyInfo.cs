// The tests share one silo, one gateway and one browser; on a two-core machine they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
