// Each test class starts a whole platform: two at once on a small machine would time each other out.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
